/// What an operator or a timeline can do to the trust store.
public enum TrustAction: SubsystemAction {
    /// Every fsync takes this long.
    case setDiskLatency(Duration)
    /// Writes fail (true) or succeed again (false).
    case failDiskWrites(Bool)
    /// A burst of `count` handshake requests.
    case handshakeFlood(count: Int)

    public typealias Config = TrustConfig

    public static var subsystem: SubsystemID { .trust }

    /// How slow an injected fsync may be, and how many handshakes one flood may bring (as
    /// `trust.floodSize` allows).
    static let diskLatencies: ClosedRange<Duration> = .zero...(.seconds(60))
    static let floodHandshakes = 1...100_000

    public var boundsViolation: String? {
        switch self {
        case .setDiskLatency(let latency): Self.outside("latency", latency, Self.diskLatencies)
        case .failDiskWrites: nil
        case .handshakeFlood(let count): Self.outside("count", count, Self.floodHandshakes)
        }
    }

    public var description: String {
        switch self {
        case .setDiskLatency(let latency): "setDiskLatency(\(latency))"
        case .failDiskWrites(let failing): "failDiskWrites(\(failing))"
        case .handshakeFlood(let count): "handshakeFlood(count: \(count))"
        }
    }
}

extension EngineAction {
    public static func setDiskLatency(_ latency: Duration) -> EngineAction {
        EngineAction(TrustAction.setDiskLatency(latency))
    }
    public static func failDiskWrites(_ failing: Bool) -> EngineAction {
        EngineAction(TrustAction.failDiskWrites(failing))
    }
    public static func handshakeFlood(count: Int) -> EngineAction {
        EngineAction(TrustAction.handshakeFlood(count: count))
    }
}
