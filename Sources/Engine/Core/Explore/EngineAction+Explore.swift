import Runtime

extension EngineAction {
    /// Simpler versions of this action, simplest first (a cancel has none).
    public var simpler: [EngineAction] {
        guard case .fault(let action) = operation else { return [] }
        return action.simplerActions
    }
}

extension SubsystemAction {
    fileprivate var simplerActions: [EngineAction] { simpler.map(EngineAction.init) }

    fileprivate func endsAction(_ earlier: EngineAction) -> Bool {
        guard let earlier = earlier.fault(as: Self.self) else { return false }
        return ends(earlier)
    }

    fileprivate static func drawnAction(using random: inout Xoshiro256) -> EngineAction {
        EngineAction(drawn(using: &random))
    }
}

extension SubsystemDescriptor {
    /// What `action` (aimed at this subsystem) does by itself under `parameters`; a cancel
    /// explains no stall: what follows it is the design's.
    public func effect(of action: EngineAction, parameters: [ParameterOverride]) -> FaultEffect {
        guard case .fault(let fault) = action.operation else { return .none }
        return faultEffect(fault, parameters)
    }

    /// Whether `later` ends `earlier` (both aimed at this subsystem).
    public func ends(_ later: EngineAction, _ earlier: EngineAction) -> Bool {
        guard case .fault(let fault) = later.operation else { return false }
        return fault.endsAction(earlier)
    }

    /// How often a drawn action cancels the subsystem's task instead of injecting a fault.
    static let cancelShare = 0.05

    /// One action aimed at this subsystem, drawn within its vocabulary's documented bounds.
    public func drawAction(using random: inout Xoshiro256) -> EngineAction {
        random.chance(Self.cancelShare) ? .cancel(id) : actionType.drawnAction(using: &random)
    }
}
