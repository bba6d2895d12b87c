/// A trust disk operation that failed.
public enum TrustDiskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A failure injected by the "failing writes" fault.
    case injectedWriteFailure
    /// A system call failed (real files).
    case system(call: String, errno: Int32)
    /// The simulated disk crashed at a crash point and is down until `restart()`.
    case crashed(TrustCrashPoint)

    public var description: String {
        switch self {
        case .injectedWriteFailure: "injected write failure"
        case .system(let call, let errno): "\(call) failed (errno \(errno))"
        case .crashed(let point): "disk crashed \(point.rawValue)"
        }
    }
}
