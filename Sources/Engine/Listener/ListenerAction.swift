/// What an operator or a timeline can do to the transport listener.
public enum ListenerAction: SubsystemAction {
    /// Leave a channel slot reserved but never committed (true) or clear it.
    case wedgeListenerSlot(Bool)
    /// The NAT traversal consumer stops (true) or resumes (false).
    case stallNatConsumer(Bool)

    public typealias Config = ListenerConfig

    public static var subsystem: SubsystemID { .listener }

    public var boundsViolation: String? { nil }

    public var description: String {
        switch self {
        case .wedgeListenerSlot(let wedged): "wedgeListenerSlot(\(wedged))"
        case .stallNatConsumer(let stalled): "stallNatConsumer(\(stalled))"
        }
    }
}

extension EngineAction {
    public static func wedgeListenerSlot(_ wedged: Bool) -> EngineAction {
        EngineAction(ListenerAction.wedgeListenerSlot(wedged))
    }
    public static func stallNatConsumer(_ stalled: Bool) -> EngineAction {
        EngineAction(ListenerAction.stallNatConsumer(stalled))
    }
}
