import Engine
import Runtime

/// One explored run: a seed for the engine and the fault timeline drawn for it, laid over the
/// base scenario's own timeline.
public struct ExploreRun: Sendable {
    /// Its place in the exploration: the same explorer seed and index always draw the same run.
    public let index: Int
    public let seed: UInt64
    public let faults: [Scenario.Step]

    public init(index: Int, seed: UInt64, faults: [Scenario.Step]) {
        self.index = index
        self.seed = seed
        self.faults = faults.sorted { $0.at < $1.at }
    }

    /// The faults drawn for run `index` of an exploration seeded with `explorerSeed`: one to
    /// `maxFaults` actions, each aimed at one of `subsystems` at a whole millisecond within
    /// `window`.
    static func draw(
        index: Int, explorerSeed: UInt64, subsystems: [SubsystemDescriptor], within window: Duration, maxFaults: Int
    ) -> ExploreRun {
        var random = Xoshiro256(seed: explorerSeed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        let seed = random.next()
        let milliseconds = Int(window / .milliseconds(1))
        let faults = (0..<Int.random(in: 1...maxFaults, using: &random)).map { _ in
            let subsystem = subsystems[Int.random(in: 0..<subsystems.count, using: &random)]
            let at = Duration.milliseconds(Int.random(in: 0..<max(milliseconds, 1), using: &random))
            return Scenario.Step(at: at, subsystem.drawAction(using: &random))
        }
        return ExploreRun(index: index, seed: seed, faults: faults)
    }

    /// This run with other faults (a shrinking candidate): the same index and seed.
    public func with(_ faults: [Scenario.Step]) -> ExploreRun {
        ExploreRun(index: index, seed: seed, faults: faults)
    }
}
