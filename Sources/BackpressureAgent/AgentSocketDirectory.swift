import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where agents put their sockets, and how a dashboard finds them: `$XDG_RUNTIME_DIR/stallscope/`,
/// or, without `XDG_RUNTIME_DIR`, `stallscope-UID/` under `$TMPDIR` (else `/tmp`). Either way a
/// directory of this user's, mode 0700, so only this user reaches the sockets in it. Each socket
/// is `NAME.PID.sock`.
public enum AgentSocketDirectory {
    /// One socket found in the directory; `name` and `pid` come from its file name.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let pid: Int32
        public let path: String
    }

    /// The directory for `environment`, whether or not it exists.
    public static func path(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return trimmed(runtime) + "/stallscope"
        }
        var temporary = environment["TMPDIR"] ?? "/tmp"
        if !temporary.hasPrefix("/") { temporary = "/tmp" }
        return trimmed(temporary) + "/stallscope-\(getuid())"
    }

    private static func trimmed(_ directory: String) -> String {
        var directory = directory
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        return directory
    }

    /// Creates the directory (mode 0700) if needed and checks it is this user's own and closed
    /// to everyone else; the agent puts nothing in a directory that is not.
    public static func prepare(environment: [String: String]) throws(AgentError) -> String {
        let directory = path(environment: environment)
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .system(call: "mkdir \(directory)", errno: errno)
        }
        var status = stat()
        guard lstat(directory, &status) == 0 else { throw .system(call: "lstat \(directory)", errno: errno) }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .unsafeDirectory(path: directory, reason: "not a directory")
        }
        guard status.st_uid == getuid() else {
            throw .unsafeDirectory(path: directory, reason: "owned by uid \(status.st_uid)")
        }
        if status.st_mode & 0o077 != 0 {
            // Ours but open to others (a umask at mkdir time, or someone's chmod): close it.
            guard chmod(directory, 0o700) == 0 else { throw .system(call: "chmod \(directory)", errno: errno) }
        }
        return directory
    }

    /// `NAME.PID.sock`, the name kept to letters, digits, `-` and `_` (others become `_`) and
    /// cut to 48 characters, so the path fits a socket address.
    public static func socketName(service: String, pid: Int32) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        var name = String(service.prefix(48).map { allowed.contains($0) ? $0 : "_" })
        if name.isEmpty { name = "service" }
        return "\(name).\(pid).sock"
    }

    /// Every `NAME.PID.sock` in the directory, by name then pid; empty when there is none.
    public static func entries(environment: [String: String]) -> [Entry] {
        let directory = path(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var entries: [Entry] = []
        for file in files where file.hasSuffix(".sock") {
            let parts = file.dropLast(".sock".count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let pid = Int32(parts.last!), pid > 0 else { continue }
            let name = parts.dropLast().joined(separator: ".")
            entries.append(Entry(name: name, pid: pid, path: directory + "/" + file))
        }
        return entries.sorted { ($0.name, $0.pid) < ($1.name, $1.pid) }
    }
}

extension AgentConfiguration {
    static func processEnvironment() -> [String: String] { ProcessInfo.processInfo.environment }
}
