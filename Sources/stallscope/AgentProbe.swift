import BackpressureAgent
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the agents in the socket directory for `ps` and `attach`: connects to each socket and
/// reads its hello; a socket nobody listens on whose process is gone is stale and removed.
enum AgentProbe {
    /// How long an agent has to send its hello before it counts as not answering.
    static let helloTimeout: Duration = .seconds(2)

    struct Running {
        let path: String
        let hello: AgentHello

        var uptimeSeconds: Double { max(0, Date().timeIntervalSince1970 - hello.startTime) }
    }

    struct Scan {
        let directory: String
        var running: [Running] = []
        /// Sockets removed: nobody listened and their process was gone.
        var stale: [AgentSocketDirectory.Entry] = []
        /// Sockets left alone: their process lives but they did not answer.
        var unreachable: [(entry: AgentSocketDirectory.Entry, reason: String)] = []
    }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Why the socket directory cannot be trusted or read, if it cannot: ps and attach say so
    /// rather than "no agents running". A directory that does not exist is fine (none running).
    static func directoryProblem(_ directory: String) -> String? {
        var status = stat()
        guard lstat(directory, &status) == 0 else {
            return errno == ENOENT ? nil : "cannot look in \(directory): \(String(cString: strerror(errno)))"
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        guard status.st_uid == getuid() else {
            return "\(directory) belongs to uid \(status.st_uid), not to this user (uid \(getuid())): not looked in"
        }
        guard access(directory, R_OK | X_OK) == 0 else {
            return "cannot look in \(directory): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// Why a socket of the directory is left alone without connecting, if it is: not a socket
    /// (nothing an agent made: never removed), or another user's.
    static func foreignSocket(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }  // gone meanwhile: connecting says so
        guard status.st_mode & S_IFMT == S_IFSOCK else { return "not a socket (left alone)" }
        guard status.st_uid == getuid() else { return "owned by uid \(status.st_uid), not this user (left alone)" }
        return nil
    }

    /// Every socket of this user's socket directory, probed; a directory that cannot be trusted
    /// or read is a usage error (`directoryProblem`), not "no agents running".
    static func scan() throws(UsageError) -> Scan {
        var scan = Scan(directory: AgentSocketDirectory.path(environment: environment))
        if let problem = directoryProblem(scan.directory) { throw UsageError(problem) }
        for entry in AgentSocketDirectory.entries(environment: environment) {
            if let reason = foreignSocket(entry.path) {
                scan.unreachable.append((entry, reason))
                continue
            }
            do {
                let (_, hello) = try connect(path: entry.path)
                scan.running.append(Running(path: entry.path, hello: hello))
            } catch {
                if case .system(_, let code) = error, code == ECONNREFUSED || code == ENOENT,
                    kill(entry.pid, 0) != 0 && errno == ESRCH
                {
                    unlink(entry.path)
                    scan.stale.append(entry)
                } else {
                    scan.unreachable.append((entry, error.description))
                }
            }
        }
        return scan
    }

    /// A connection to the agent at `path` with its hello read.
    static func connect(path: String) throws(AgentError) -> (AgentConnection, AgentHello) {
        let connection = try AgentConnection(path: path)
        let read = try connection.readFrame(timeout: helloTimeout)
        guard case .hello(let hello) = read.frame else {
            throw .protocolViolation(.malformed("the first frame is \(read.frame.typeName), not hello"))
        }
        return (connection, hello)
    }
}
