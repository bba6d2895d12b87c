/// What an operator or a timeline can do to the trust store.
public enum TrustAction: SubsystemAction {
    /// Every fsync takes this long.
    case setDiskLatency(Duration)
    /// Writes fail (true) or succeed again (false).
    case failDiskWrites(Bool)
    /// A burst of `count` handshake requests.
    case handshakeFlood(count: Int)

    public static var subsystem: SubsystemID { .trust }

    public var description: String {
        switch self {
        case .setDiskLatency(let latency): "setDiskLatency(\(latency))"
        case .failDiskWrites(let failing): "failDiskWrites(\(failing))"
        case .handshakeFlood(let count): "handshakeFlood(count: \(count))"
        }
    }
}

extension EngineAction {
    public static func setDiskLatency(_ latency: Duration) -> EngineAction { EngineAction(TrustAction.setDiskLatency(latency)) }
    public static func failDiskWrites(_ failing: Bool) -> EngineAction { EngineAction(TrustAction.failDiskWrites(failing)) }
    public static func handshakeFlood(count: Int) -> EngineAction { EngineAction(TrustAction.handshakeFlood(count: count)) }
}
