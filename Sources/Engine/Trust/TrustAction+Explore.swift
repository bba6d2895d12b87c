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

extension TrustAction {
    /// A slow disk lags persistence by its latency and a failing one keeps every change unsaved
    /// (lost if the store stops meanwhile), in any design, until the disk recovers; what no slow
    /// disk explains is a handshake waiting on it (`trust-lock-held`). A stop's final save is
    /// bounded (`finalSaveTimeout`): a disk so slow that a save in progress and the final one
    /// (two fsyncs each) outlast the bound loses the last changes, reported.
    public func effect(in config: TrustConfig) -> FaultEffect {
        switch self {
        case .setDiskLatency(let latency) where latency > .zero:
            FaultEffect(
                symptoms: latency * Self.fsyncsAStopWaitsFor > config.finalSaveTimeout
                    ? [.trustPersistenceLag, .trustChangesLost] : [.trustPersistenceLag],
                lasting: .untilEnded)
        case .failDiskWrites(true):
            FaultEffect(symptoms: [.trustPersistenceLag, .trustChangesLost], lasting: .untilEnded)
        case .setDiskLatency, .failDiskWrites, .handshakeFlood: .none
        }
    }

    /// The fsyncs a stop may wait for: a save in progress and the final one, a file and a
    /// directory fsync each.
    static let fsyncsAStopWaitsFor = 4

    public func ends(_ earlier: TrustAction) -> Bool {
        switch (self, earlier) {
        case (.setDiskLatency, .setDiskLatency), (.failDiskWrites(false), .failDiskWrites(true)): true
        default: false
        }
    }
}
