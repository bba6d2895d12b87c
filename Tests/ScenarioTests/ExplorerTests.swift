import Backpressure
import Engine
import Runtime
import Testing

@testable import Scenarios

/// The explorer over a toy subsystem (fast runs): its determinism, its shrinking, and an
/// invariant broken on purpose.
@Suite struct ExplorerTests {
    /// A subsystem with cold storage's vocabulary whose stall needs two faults: the backend hung
    /// and a stuck reader, in either order and whatever else happens. A flood of 500 or more
    /// stuck readers registers a primitive whose snapshot breaks a conservation law.
    final class TwoFaultToy: EngineSubsystem {
        static let breakingFlood = 500
        let id = SubsystemID.cold
        let policyStep = "fixed"
        private let context: EngineContext
        private let faults = LockedState((hungAt: Duration?.none, stuckAt: Duration?.none))

        init(context: EngineContext) { self.context = context }

        func start() {}
        func stop() async {}
        func metrics() -> [String: Double] { [:] }

        func apply(_ action: EngineAction) {
            let now = context.runtime.now.sinceStart
            switch action.fault(as: ColdAction.self) {
            case .hangBackend(true): faults.withLock { $0.hungAt = $0.hungAt ?? now }
            case .injectStuckReaders(let count):
                faults.withLock { $0.stuckAt = $0.stuckAt ?? now }
                if count >= Self.breakingFlood { context.instruments.register(Self.overfull) }
            default: break
            }
        }

        func stallWarnings() -> [StallWarning] {
            guard case (let hung?, let stuck?) = faults.withLock({ $0 }) else { return [] }
            return [
                StallWarning(
                    kind: StallKind("two-faults"), subsystem: id, since: RuntimeInstant(sinceStart: max(hung, stuck)),
                    cause: "hung and stuck")
            ]
        }

        /// A channel that claims more messages than it has room for.
        static let overfull = Overfull()
        final class Overfull: Instrumented {
            let name = "overfull"
            func resourceSnapshot() -> ResourceSnapshot {
                .channel(
                    ChannelSnapshot(
                        name: name, capacity: 1, length: 2, reserved: 0, highWater: 2, sends: 2, receives: 0,
                        fullRejections: 0, waitingSenders: 0, receiverWaiting: false, isClosed: false,
                        sendersGone: false))
            }
        }
    }

    static let runner = ScenarioRunner(build: "test") { context, _ throws(UsageError) in
        Engine(context: context, subsystems: [TwoFaultToy(context: context)])
    }
    static let base = Scenario(
        name: "toy-base", incident: .cold, summary: "nothing by itself", defaultDuration: .seconds(10),
        subsystems: [.cold])

    static func explorer(runs: Int, jobs: Int, seed: UInt64 = 5) -> Explorer {
        Explorer(
            request: ExploreRequest(
                policy: .fixed, base: base, budget: .runs(runs), jobs: jobs, seed: seed, runDuration: .seconds(10)),
            runner: runner)
    }

    static let twoFaults = FindingKind.stall(subsystem: "cold", kind: StallKind("two-faults"))

    @Test func theSameSeedExploresTheSameRunsWhateverTheJobs() {
        let one = Self.explorer(runs: 60, jobs: 1).explore()
        let two = Self.explorer(runs: 60, jobs: 2).explore()
        #expect(one.runs == 60 && two.runs == 60)
        #expect(one.findings.map(\.kind) == two.findings.map(\.kind))
        #expect(one.findings.map(\.runs) == two.findings.map(\.runs))
        #expect(one.findings.map(\.firstRun.index) == two.findings.map(\.firstRun.index))
        #expect(
            one.findings.map { $0.shrunk.faults.map(\.action) } == two.findings.map { $0.shrunk.faults.map(\.action) })
        #expect(one.findings.contains { $0.kind == Self.twoFaults })
        // Another explorer seed draws other runs.
        let draws = { (seed: UInt64) in
            (0..<10).map { Self.explorer(runs: 10, jobs: 1, seed: seed).run($0).faults.map(\.action.description) }
        }
        #expect(draws(5) == draws(5))
        #expect(draws(5) != draws(6))
    }

    @Test func aPlantedTwoFaultStallShrinksToItsTwoFaults() {
        let explorer = Self.explorer(runs: 1, jobs: 1)
        let noisy = ExploreRun(
            index: 0, seed: 9,
            faults: [
                .init(at: .seconds(1), .releaseStuckReaders),
                .init(at: .seconds(2), .hangBackend(true)),
                .init(at: .seconds(3), .cancel(.cold)),
                .init(at: .seconds(4), .hangBackend(false)),
                .init(at: .seconds(6), .injectStuckReaders(count: 37)),
                .init(at: .seconds(8), .releaseStuckReaders),
            ])
        #expect(explorer.findings(of: noisy).contains(Self.twoFaults))
        let (shrunk, _) = explorer.shrink(noisy, keeping: Self.twoFaults)
        #expect(shrunk.faults.map(\.action) == [.hangBackend(true), .injectStuckReaders(count: 1)])
        #expect(shrunk.faults.map(\.at) == [.zero, .zero])
    }

    @Test func aStallThatEndsWithItsFaultIsNoFinding() throws {
        // The runner tests' toy: a stuck holder blocks the worker until it is released.
        let explorer = Explorer(
            request: ExploreRequest(
                policy: .fixed, base: Self.base, budget: .runs(1), jobs: 1, seed: 1, runDuration: .seconds(30)),
            runner: ScenarioRunnerTests.runner)
        let blocked = FindingKind.stall(subsystem: "cold", kind: StallKind("worker-blocked"))
        let stuck = ExploreRun(index: 0, seed: 3, faults: [.init(at: .seconds(1), .injectStuckReaders(count: 1))])
        #expect(explorer.findings(of: stuck) == [blocked])
        // Released at 9 s: the worker waited 7 s (a warning the run saw), then went on.
        let released = stuck.with(stuck.faults + [.init(at: .seconds(9), .releaseStuckReaders)])
        #expect(explorer.findings(of: released).isEmpty)
    }

    @Test func aBrokenConservationLawIsAFindingShrunkToTheSmallestValueThatBreaksIt() throws {
        let explorer = Self.explorer(runs: 1, jobs: 1)
        let flood = ExploreRun(index: 0, seed: 9, faults: [.init(at: .seconds(4), .injectStuckReaders(count: 5_000))])
        let kinds = explorer.findings(of: flood)
        let broken = FindingKind.invariant(subsystem: nil, law: .channelWithinCapacity)
        #expect(kinds.contains(broken))
        #expect(explorer.detail(of: broken, in: flood)?.contains("overfull") == true)
        let (shrunk, _) = explorer.shrink(flood, keeping: broken)
        let count = try #require(shrunk.faults.first?.action.fault(as: ColdAction.self))
        guard case .injectStuckReaders(let readers) = count else {
            Issue.record("not a flood: \(count)")
            return
        }
        #expect((TwoFaultToy.breakingFlood..<TwoFaultToy.breakingFlood * 2).contains(readers))
        #expect(shrunk.faults.map(\.at) == [.zero])
    }
}
