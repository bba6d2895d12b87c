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

    fileprivate static func drawnAction(using random: inout Xoshiro256) -> EngineAction {
        EngineAction(drawn(using: &random))
    }
}

extension SubsystemDescriptor {
    /// How often a drawn action cancels the subsystem's task instead of injecting a fault.
    static let cancelShare = 0.05

    /// One action aimed at this subsystem, drawn within its vocabulary's documented bounds.
    public func drawAction(using random: inout Xoshiro256) -> EngineAction {
        random.chance(Self.cancelShare) ? .cancel(id) : actionType.drawnAction(using: &random)
    }
}
