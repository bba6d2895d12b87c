import BackpressureAgent
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

    static func scan() -> Scan {
        var scan = Scan(directory: AgentSocketDirectory.path(environment: environment))
        for entry in AgentSocketDirectory.entries(environment: environment) {
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
