import Runtime

extension TrustAction {
    public static func drawn(using random: inout Xoshiro256) -> TrustAction {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: .setDiskLatency(random.logUniform(diskLatencies))
        case 1: .failDiskWrites(random.chance(0.75))
        default: .handshakeFlood(count: random.logUniform(floodHandshakes))
        }
    }

    public var simpler: [TrustAction] {
        switch self {
        case .setDiskLatency(let latency):
            Simpler.durations(latency, toward: Self.diskLatencies.lowerBound).map { .setDiskLatency($0) }
        case .handshakeFlood(let count):
            Simpler.counts(count, toward: Self.floodHandshakes.lowerBound).map { .handshakeFlood(count: $0) }
        case .failDiskWrites: []
        }
    }
}
