import Engine
import Runtime
import Testing

@testable import Scenarios

/// What the explorer calls a finding on the real engine: a stall that outlives the faults that
/// explain it (`FaultEffect`), and the invariants checked after stopping the engine.
@Suite struct ExplorerJudgementTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    /// An explorer over `steady` (60 s runs, the default), as `stallscope explore` runs.
    static func explorer(_ policy: String) throws -> Explorer {
        Explorer(
            request: ExploreRequest(
                policy: try PolicySelection.parse(policy), base: try ScenarioCatalog.named("steady"), budget: .runs(1),
                jobs: 1, seed: 1),
            runner: runner)
    }

    /// Engine seeds the explorer drew (explorer seed 1) where what a test needs happens.
    static func run(seed: UInt64 = 7, _ faults: [Scenario.Step]) -> ExploreRun {
        ExploreRun(index: 0, seed: seed, faults: faults)
    }

    @Test func aSlowDiskExplainsThePersistenceLagButNotAHandshakeWaitingOnIt() throws {
        let slowDisk = Self.run(
            seed: 11_995_786_858_431_847_145, [.init(at: .milliseconds(7_975), .setDiskLatency(.milliseconds(27_856)))])
        // Fixed lags by the disk's latency for as long as the disk is slow: no design stalls.
        #expect(try Self.explorer("fixed").findings(of: slowDisk).isEmpty)
        // under-lock holds the handshake lock across each fsync: no slow disk explains that.
        #expect(
            try Self.explorer("trust=under-lock").findings(of: slowDisk).contains(
                .stall(subsystem: "trust", kind: .trustLockHeld)))
    }

    @Test func stuckReadersExplainTheDrainAsLongAsTheirDeadlinesTake() throws {
        // 1,260 stuck readers time out 64 at a time, 5 s each: the drain waits ~100 s in fixed.
        let many = Self.run([.init(at: .zero, .injectStuckReaders(count: 1_260))])
        let fixed = try Self.explorer("fixed").findings(of: many)
        #expect(!fixed.contains { if case .stall = $0 { true } else { false } })
        // Without a read deadline one stuck reader wedges the drain for good, long after the 10 s
        // its deadline would have taken.
        let one = Self.run([.init(at: .zero, .injectStuckReaders(count: 1))])
        #expect(
            try Self.explorer("cold=semaphore").findings(of: one).contains(
                .stall(subsystem: "cold", kind: .writerDrainBlocked)))
    }

    @Test func whatTenThousandRunsOfFixedFound() throws {
        let fixed = try Self.explorer("fixed")
        // A stop on a disk taking 4 s per fsync: the bounded final save cannot finish, and says
        // so. The slow disk's own harm, no finding.
        let stopOnSlowDisk = Self.run(
            seed: 17_727_462_026_078_790_674,
            [.init(at: .zero, .setDiskLatency(.milliseconds(4_011))), .init(at: .milliseconds(165), .cancel(.trust))])
        #expect(fixed.findings(of: stopOnSlowDisk).allSatisfy { $0.description.hasPrefix("invariant") })
        // A lock held 10 s while 8,527 clients connect at 500 a second: the registration backlog
        // it leaves does not drain while the flood lasts, and identity exchanges time out 13 s
        // after the lock is gone. A real weakness of the fixed accept loop (README, Explore).
        let lockDuringFlood = Self.run(
            seed: 17_112_762_047_127_797_727,
            [
                .init(at: .zero, .holdPeersLock(.milliseconds(10_258))),
                .init(at: .zero, .connectionFlood(clients: 8_527, interval: .milliseconds(2))),
            ])
        #expect(
            fixed.findings(of: lockDuringFlood).contains(.stall(subsystem: "accept", kind: .identityExchangeTimeouts)))
        // A lock held past the run's end during a smaller flood: its harm, no finding.
        let lockPastTheEnd = Self.run(
            seed: 5_527_238_806_963_770_473,
            [
                .init(at: .zero, .holdPeersLock(.milliseconds(63_479))),
                .init(at: .zero, .connectionFlood(clients: 507, interval: .milliseconds(1))),
            ])
        #expect(fixed.findings(of: lockPastTheEnd).allSatisfy { $0.description.hasPrefix("invariant") })
    }

    @Test func aWriteQueuedAtStopIsDroppedSilentlyAKnownWeakness() throws {
        // Cold's load dispatches a block every 12 s: in this run the last one is still queued
        // when the stop comes, and nobody is told it was never written.
        let explorer = try Self.explorer("fixed")
        let dropped = FindingKind.invariant(subsystem: "cold", law: .writesAppliedOrReported)
        let plain = Self.run(seed: 7_038_622_513_145_421_260, [])
        #expect(explorer.findings(of: plain) == [dropped])
        #expect(explorer.knownWeakness(dropped) != nil)
        let detail = try #require(explorer.detail(of: dropped, in: plain))
        #expect(detail == "cold: 1 accepted fire-and-forget write dropped at shutdown: never applied, never reported")
        // A record of it replays to the same violation.
        let record = try #require(explorer.record(of: plain))
        let replayed = try Self.runner.run(try RunRequest(replaying: record))
        #expect(replayed.invariantViolations.map(\.law) == [.writesAppliedOrReported])
    }

    /// A subsystem whose stop never returns.
    final class NeverStops: EngineSubsystem {
        let id = SubsystemID.cold
        let policyStep = "fixed"
        private let context: EngineContext
        init(context: EngineContext) { self.context = context }
        func start() {}
        func apply(_ action: EngineAction) {}
        func stop() async { try? await context.runtime.sleep(for: .seconds(86_400)) }
        func stallWarnings() -> [StallWarning] { [] }
        func metrics() -> [String: Double] { [:] }
    }

    @Test func aStopThatNeverFinishesIsAFinding() throws {
        let runner = ScenarioRunner(build: "test") { context, _ throws(UsageError) in
            Engine(context: context, subsystems: [NeverStops(context: context)])
        }
        let base = Scenario(
            name: "never-stops", incident: .cold, summary: "stop hangs", defaultDuration: .seconds(1),
            subsystems: [.cold])
        let explorer = Explorer(
            request: ExploreRequest(
                policy: .fixed, base: base, budget: .runs(1), jobs: 1, seed: 1, runDuration: .seconds(1)),
            runner: runner)
        #expect(explorer.findings(of: Self.run([])) == [.invariant(subsystem: nil, law: .stopFinishes)])
    }
}
