import Foundation

/// Where a crash report goes: `crash.log` in the dashboard's state directory (the one the trust
/// store keeps its file in, `--state-dir` included); the temporary directory when there is none.
public enum CrashLog {
    public static func path(stateDirectory: String?) -> String {
        stateDirectory.map { $0 + "/crash.log" } ?? NSTemporaryDirectory() + "stallscope-crash.log"
    }

    /// Makes the folder of `path`, private, once the terminal is taken: a refused start writes
    /// nothing.
    public static func prepare(_ path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
