/// Where the dashboard keeps its files: `$XDG_STATE_HOME/stallscope/`, else
/// `$HOME/.local/state/stallscope/` (the XDG default), unless a directory is given
/// (the CLI's `--state-dir`).
public enum StateDirectory {
    public static let applicationFolder = "stallscope"

    /// The state directory for `environment` (pass `ProcessInfo.processInfo.environment`);
    /// nil when neither variable is set.
    public static func resolve(given: String? = nil, environment: [String: String]) -> String? {
        if let given, !given.isEmpty { return given }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/" + applicationFolder
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.local/state/" + applicationFolder
        }
        return nil
    }
}
