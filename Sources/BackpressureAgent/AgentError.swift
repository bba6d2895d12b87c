#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the agent could not start, or a client could not reach it.
public enum AgentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The socket directory is not one only this user can enter (another owner, a symlink, group
    /// or other permissions): the agent refuses to put its socket there.
    case unsafeDirectory(path: String, reason: String)
    /// A Unix socket path holds at most 107 bytes.
    case pathTooLong(String)
    /// A system call failed with this errno.
    case system(call: String, errno: Int32)
    /// The peer sent bytes that are not this format's frames.
    case protocolViolation(FrameError)
    /// No frame arrived in time.
    case timedOut
    /// The peer closed the connection.
    case closed

    public var description: String {
        switch self {
        case .unsafeDirectory(let path, let reason): "unsafe socket directory \(path): \(reason)"
        case .pathTooLong(let path): "socket path too long (over 107 bytes): \(path)"
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .protocolViolation(let error): "protocol violation: \(error)"
        case .timedOut: "timed out"
        case .closed: "connection closed"
        }
    }
}
