import Runtime

/// How long the in-memory backend takes per call: a mean per read and per written block, with a
/// uniform jitter, drawn from the runtime's seeded random source so a seed replays the same
/// latencies.
public struct ColdLatencyModel: Sendable, Equatable, Codable {
    public var readMean: Duration
    public var writePerBlock: Duration
    /// Relative spread of the uniform jitter, 0 for none.
    public var spread: Double

    public init(readMean: Duration, writePerBlock: Duration, spread: Double = 0.5) {
        self.readMean = readMean
        self.writePerBlock = writePerBlock
        self.spread = spread
    }

    /// No latency at all: what the ported tests use, like their in-memory backend.
    public static let none = ColdLatencyModel(readMean: .zero, writePerBlock: .zero, spread: 0)

    func latency(of call: ColdBackendCall, blocks: Int, random: RandomSource) -> Duration {
        let base = call.isWrite ? writePerBlock * max(1, blocks) : readMean
        guard base > .zero else { return .zero }
        return spread > 0 ? random.jitter(base, spread: spread) : base
    }
}
