/// Why reading or writing a relayed stream failed.
public enum RelayStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The handle was cancelled; `reason` says by whom ("upstream connection of hop 3 dropped").
    case cancelled(reason: String)
    /// No fragment arrived within the inactivity timeout.
    case inactive(timeout: Duration, fragmentsRead: Int, fragmentCount: Int)

    public var description: String {
        switch self {
        case .cancelled(let reason): "stream was cancelled (\(reason))"
        case .inactive(let timeout, let read, let count):
            "no fragment for \(Int(timeout.seconds)) s after \(read)/\(count) fragments"
        }
    }
}
