/// What an operator or a timeline can do to the accept loop.
public enum AcceptAction: SubsystemAction {
    /// `clients` connections, one every `interval`.
    case connectionFlood(clients: Int, interval: Duration)
    /// A maintenance task holds the peers write lock this long.
    case holdPeersLock(Duration)

    public typealias Config = AcceptConfig

    public static var subsystem: SubsystemID { .accept }

    /// A flood's clients (as `accept.floodClients` allows) and their spacing, and how long an
    /// operator may hold the peers lock.
    static let floodClients = 1...10_000
    static let floodIntervals: ClosedRange<Duration> = .milliseconds(1)...(.seconds(60))
    static let peersLockHolds: ClosedRange<Duration> = .zero...(.seconds(3_600))

    public var boundsViolation: String? {
        switch self {
        case .connectionFlood(let clients, let interval):
            Self.outside("clients", clients, Self.floodClients)
                ?? Self.outside("interval", interval, Self.floodIntervals)
        case .holdPeersLock(let duration): Self.outside("duration", duration, Self.peersLockHolds)
        }
    }

    public var description: String {
        switch self {
        case .connectionFlood(let clients, let interval): "connectionFlood(clients: \(clients), interval: \(interval))"
        case .holdPeersLock(let duration): "holdPeersLock(\(duration))"
        }
    }
}

extension EngineAction {
    public static func connectionFlood(clients: Int, interval: Duration) -> EngineAction {
        EngineAction(AcceptAction.connectionFlood(clients: clients, interval: interval))
    }
    public static func holdPeersLock(_ duration: Duration) -> EngineAction {
        EngineAction(AcceptAction.holdPeersLock(duration))
    }
}
