import Backpressure

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seeded random source shared by the tasks of a runtime.
///
/// On the deterministic runtime tasks run one at a time in a reproducible order, so the draws
/// are reproducible too. `fork(_:)` derives an independent stream from the seed and a label, so a
/// component that starts drawing more does not shift what the others draw.
public final class RandomSource: Sendable {
    public let seed: UInt64
    private let generator: LockedState<Xoshiro256>

    public init(seed: UInt64) {
        self.seed = seed
        self.generator = LockedState(Xoshiro256(seed: seed))
    }

    /// An independent stream for one component, derived from this seed and `label` only.
    public func fork(_ label: String) -> RandomSource {
        // FNV-1a over the label: stable across runs and platforms, unlike `Hasher`.
        RandomSource(seed: seed ^ FNV1a.hash(label.utf8))
    }

    public func next() -> UInt64 {
        generator.withLock { $0.next() }
    }

    /// Uniform in `range`.
    public func int(in range: Range<Int>) -> Int {
        generator.withLock { Int.random(in: range, using: &$0) }
    }

    public func int(in range: ClosedRange<Int>) -> Int {
        generator.withLock { Int.random(in: range, using: &$0) }
    }

    /// Uniform in [0, 1).
    public func unit() -> Double {
        generator.withLock { Double.random(in: 0..<1, using: &$0) }
    }

    public func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Exponentially distributed with the given mean: the gaps of a Poisson arrival process.
    public func exponential(mean: Duration) -> Duration {
        let u = 1 - unit()  // (0, 1]: avoids log(0)
        return mean * (-log(u))
    }

    /// `base` scaled by a uniform factor in [1 - spread, 1 + spread].
    public func jitter(_ base: Duration, spread: Double) -> Duration {
        base * (1 + spread * (2 * unit() - 1))
    }
}
