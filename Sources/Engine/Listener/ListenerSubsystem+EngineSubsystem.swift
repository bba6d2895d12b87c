/// The listener as one of the engine's subsystems: scenario and dashboard actions, warnings and
/// metrics through the common protocol.
extension ListenerSubsystem: EngineSubsystem {
    public var id: SubsystemID { .listener }
    public var policyStep: String { policy.rawValue }

    public func apply(_ action: EngineAction) {
        switch action.operation {
        case .cancel: cancelListenerLoop()
        case .fault(let fault as ListenerAction):
            switch fault {
            case .wedgeListenerSlot(true): wedgeSlot()
            case .wedgeListenerSlot(false): clearWedge()
            case .stallNatConsumer(true): stallNatConsumer()
            case .stallNatConsumer(false): releaseNatConsumer()
            }
        case .fault: context.events.info(.listener, "ignored \(action): not a listener action")
        }
    }

    public func metrics() -> [String: Double] { snapshot().metrics }
}
