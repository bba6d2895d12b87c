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
