/// A trust disk operation that failed.
public enum TrustDiskError: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    /// A failure injected by the "failing writes" fault.
    case injectedWriteFailure
    /// A system call failed (real files).
    case system(call: String, errno: Int32)
    /// The simulated disk crashed at a crash point and is down until `restart()`.
    case crashed(TrustCrashPoint)
    /// Reading the trust file failed for a reason other than a system call's errno.
    case unreadable(String)
    /// A replay asked for a disk outcome its record does not hold.
    case notRecorded

    public var description: String {
        switch self {
        case .injectedWriteFailure: "injected write failure"
        case .system(let call, let errno): "\(call) failed (errno \(errno))"
        case .crashed(let point): "disk crashed \(point.rawValue)"
        case .unreadable(let reason): "cannot read the trust file: \(reason)"
        case .notRecorded: "the replayed record holds no disk outcome here"
        }
    }
}
