import Foundation

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

    /// A state directory others can write to lets them plant files (or links) where the trust
    /// store writes: refused, unless it is sticky like /tmp (others cannot replace our files).
    /// A directory that does not exist yet is created private (0700) on first use.
    public static func checkPrivate(_ path: String) throws(UsageError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let writableByOthers = info.st_mode & (S_IWGRP | S_IWOTH) != 0
        let sticky = info.st_mode & S_ISVTX != 0
        if writableByOthers && !sticky {
            throw UsageError(
                "state directory \(path) is writable by others: use a private one (chmod 700) or --state-dir")
        }
    }
}
