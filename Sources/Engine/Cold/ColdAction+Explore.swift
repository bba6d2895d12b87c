import Runtime

extension ColdAction {
    public static func drawn(using random: inout Xoshiro256) -> ColdAction {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: .injectStuckReaders(count: random.logUniform(stuckReadersPerAction))
        case 1: .releaseStuckReaders
        case 2: .burstReadsThenWrite(reads: random.logUniform(stuckReadersPerAction))
        default: .hangBackend(random.chance(0.75))
        }
    }

    public var simpler: [ColdAction] {
        switch self {
        case .injectStuckReaders(let count):
            Simpler.counts(count, toward: Self.stuckReadersPerAction.lowerBound).map { .injectStuckReaders(count: $0) }
        case .burstReadsThenWrite(let reads):
            Simpler.counts(reads, toward: Self.stuckReadersPerAction.lowerBound).map { .burstReadsThenWrite(reads: $0) }
        case .releaseStuckReaders, .hangBackend: []
        }
    }
}

extension ColdAction {
    /// Stuck readers hold a permit each until the read deadline gives up on them, a pool's worth
    /// at a time, so `count` of them keep the writer's drain waiting for that many deadlines (one
    /// more for the reads already in flight). A design without a deadline never gets there.
    public func effect(in config: ColdConfig) -> FaultEffect {
        switch self {
        case .injectStuckReaders(let count):
            let rounds = (count + config.readPermits - 1) / config.readPermits + 1
            return FaultEffect(symptoms: [.writerDrainBlocked], lasting: .for(config.readDeadline * rounds))
        case .releaseStuckReaders, .hangBackend, .burstReadsThenWrite: return .none
        }
    }

    public func ends(_ earlier: ColdAction) -> Bool {
        if case .releaseStuckReaders = self, case .injectStuckReaders = earlier { return true }
        return false
    }
}
