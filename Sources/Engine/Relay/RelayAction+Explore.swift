import Runtime

extension RelayAction {
    public static func drawn(using random: inout Xoshiro256) -> RelayAction {
        // Most draws aim inside the default chain (relays sit at hops 1..<10); the bounds reach 100.
        let hop = random.chance(0.9) ? Int.random(in: 1...9, using: &random) : random.logUniform(hops)
        let after = random.logUniform(fragmentsBeforeFault)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .dropUpstream(hop: hop, afterFragments: after)
        case 1: return .stopSource
        case 2: return .migrateUpstream(hop: hop, afterFragments: after)
        default: return .slowHop(hop: hop, factor: random.logUniform(slowdownFactors))
        }
    }

    public var simpler: [RelayAction] {
        switch self {
        case .dropUpstream(let hop, let after):
            Simpler.counts(after, toward: 0).map { .dropUpstream(hop: hop, afterFragments: $0) }
                + Simpler.counts(hop, toward: 1).map { .dropUpstream(hop: $0, afterFragments: after) }
        case .migrateUpstream(let hop, let after):
            Simpler.counts(after, toward: 0).map { .migrateUpstream(hop: hop, afterFragments: $0) }
                + Simpler.counts(hop, toward: 1).map { .migrateUpstream(hop: $0, afterFragments: after) }
        case .slowHop(let hop, let factor):
            Simpler.counts(factor, toward: 1).map { .slowHop(hop: hop, factor: $0) }
                + Simpler.counts(hop, toward: 1).map { .slowHop(hop: $0, factor: factor) }
        case .stopSource: []
        }
    }
}

extension RelayAction {
    /// A hop slowed down is reported as slow, rightly, until its speed is restored.
    public func effect(in config: RelayConfig) -> FaultEffect {
        switch self {
        case .slowHop(_, let factor) where factor > 1: FaultEffect(symptoms: [.relaySlowHop], lasting: .untilEnded)
        case .slowHop, .dropUpstream, .stopSource, .migrateUpstream: .none
        }
    }

    public func ends(_ earlier: RelayAction) -> Bool {
        if case .slowHop(let hop, _) = self, case .slowHop(let earlierHop, _) = earlier { return hop == earlierHop }
        return false
    }
}
