import Runtime
import Testing

@testable import Engine

/// The relay inside the engine, driven the way a scenario is: actions applied through
/// `Engine.apply`, warnings sampled every 250 ms of virtual time. The upstream-drop and
/// lost-wakeup scenarios must stall under `shared-cancel` and never warn under `fixed`.
@Suite struct RelayEngineTests {
    static let samplingInterval: Duration = .milliseconds(250)

    /// Runs `duration` after applying `action` at time zero; returns every warning kind seen.
    func warningsSeen(
        policy: RelayPolicy, action: EngineAction, duration: Duration = .seconds(60)
    ) -> (kinds: Set<String>, engine: Engine) {
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        let engine = Engine(context: context, subsystems: [RelaySubsystem(context: context, policy: policy)])
        engine.start()
        engine.apply(action)
        var kinds: Set<String> = []
        while runtime.now.sinceStart < duration {
            runtime.run(for: Self.samplingInterval)
            kinds.formUnion(engine.stallWarnings().map(\.kind.rawValue))
        }
        return (kinds, engine)
    }

    @Test(arguments: RelayPolicy.allCases)
    func upstreamDropScenario(policy: RelayPolicy) {
        let (kinds, engine) = warningsSeen(policy: policy, action: .dropUpstream(hop: 3, afterFragments: 1))
        // own-sync-state survives the drop but loses every wakeup (bug 2) from the start.
        let expected: Set<String> =
            switch policy {
            case .sharedCancel: ["relay-fork-cancelled"]
            case .ownSyncState: ["relay-lost-wakeup"]
            case .fixed: []
            }
        #expect(kinds == expected)
        #expect(engine.metrics()["relay.streamsDone"] == (policy == .fixed ? 1 : 0))
        #expect(engine.metrics()["relay.bytesDelivered"] == (policy == .fixed ? 253_000 : 0))
        #expect(engine.metrics()["relay.upstreamDrops"] == 1)
    }

    @Test(arguments: RelayPolicy.allCases)
    func lostWakeupScenario(policy: RelayPolicy) {
        let (kinds, engine) = warningsSeen(policy: policy, action: .migrateUpstream(hop: 3, afterFragments: 1))
        #expect(kinds == (policy == .fixed ? [] : ["relay-lost-wakeup"]))
        #expect(engine.metrics()["relay.streamsDone"] == (policy == .fixed ? 1 : 0))
    }

    @Test func operatorCancelEndsTheStalledStream() {
        let (_, engine) = warningsSeen(
            policy: .sharedCancel, action: .dropUpstream(hop: 3, afterFragments: 1), duration: .seconds(10))
        #expect(engine.stallWarnings().count == 1)
        engine.apply(.cancel(.relay))
        (engine.runtime as? DeterministicRuntime)?.runUntilIdle()
        #expect(engine.stallWarnings().isEmpty)
        #expect(engine.metrics()["relay.streamsFailed"] == 1)
        engine.apply(.hangBackend(true))
        #expect(engine.events.events().last?.message == "ignored hangBackend(true): cold storage is not running")
        #expect(engine.subsystem(.relay)?.policyStep == "shared-cancel")
    }
}
