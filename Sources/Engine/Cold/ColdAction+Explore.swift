import Runtime

extension ColdAction {
    public static func drawn(using random: inout Xoshiro256) -> ColdAction {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: .injectStuckReaders(count: random.logUniform(stuckReadersPerAction))
        case 1: .releaseStuckReaders
        default: .hangBackend(random.chance(0.75))
        }
    }

    public var simpler: [ColdAction] {
        switch self {
        case .injectStuckReaders(let count):
            Simpler.counts(count, toward: Self.stuckReadersPerAction.lowerBound).map { .injectStuckReaders(count: $0) }
        case .releaseStuckReaders, .hangBackend: []
        }
    }
}
