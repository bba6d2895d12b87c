/// What an operator or a timeline can do to the accept loop.
public enum AcceptAction: SubsystemAction {
    /// `clients` connections, one every `interval`.
    case connectionFlood(clients: Int, interval: Duration)
    /// A maintenance task holds the peers write lock this long.
    case holdPeersLock(Duration)

    public static var subsystem: SubsystemID { .accept }

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
    public static func holdPeersLock(_ duration: Duration) -> EngineAction { EngineAction(AcceptAction.holdPeersLock(duration)) }
}
