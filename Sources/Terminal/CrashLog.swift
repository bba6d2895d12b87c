import Foundation

/// Where a crash report goes: `$XDG_STATE_HOME/stallscope/crash.log` (or
/// `~/.local/state/stallscope/crash.log`), falling back to the temporary directory.
public enum CrashLog {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state + "/stallscope"
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state/stallscope"
        } else {
            base = NSTemporaryDirectory() + "stallscope"
        }
        if (try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)) != nil {
            return base + "/crash.log"
        }
        return NSTemporaryDirectory() + "stallscope-crash.log"
    }
}
