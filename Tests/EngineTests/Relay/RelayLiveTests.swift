import Backpressure
import Runtime
import Testing

@testable import Engine

/// The whole chain on the real multi-threaded executor and wall clock, with short hops: the
/// same subsystem, no virtual time. Waits on the subsystem's finish signal under a guard.
@Suite struct RelayLiveTests {
    static let guardTimeout: Duration = .seconds(60)

    static var fastHops: RelayConfig {
        var config = RelayConfig.incident
        config.hopLatencyMilliseconds = 1
        config.hopJitterMilliseconds = 1
        config.hopRateBytesPerSecond = 100_000_000
        return config
    }

    @Test(arguments: [RelayPolicy.sharedCancel, .fixed])
    func deliversOnTheLiveRuntime(policy: RelayPolicy) async throws {
        let runtime = LiveRuntime(seed: 5)
        let relay = RelaySubsystem(context: EngineContext(runtime: runtime), policy: policy, config: Self.fastHops)
        relay.start()
        try await withCancellingDeadline(Self.guardTimeout, clock: runtime.clock) {
            try await relay.waitUntilFinished(streams: 1)
        }
        #expect(relay.snapshot().streams.first?.state == .done)
        await relay.stop()
        relay.checkInvariants()
    }

    @Test func fixedSurvivesAnUpstreamDropOnTheLiveRuntime() async throws {
        let runtime = LiveRuntime(seed: 6)
        let relay = RelaySubsystem(context: EngineContext(runtime: runtime), policy: .fixed, config: Self.fastHops)
        relay.dropUpstream(hop: 3, afterFragments: 1)
        relay.migrateUpstream(hop: 6, afterFragments: 20)
        relay.start()
        try await withCancellingDeadline(Self.guardTimeout, clock: runtime.clock) {
            try await relay.waitUntilFinished(streams: 1)
        }
        let snapshot = relay.snapshot()
        #expect(snapshot.streams.first?.state == .done)
        #expect(snapshot.totals.bytesDelivered == 253_000)
        #expect(snapshot.totals.upstreamDrops == 1 && snapshot.totals.upstreamMigrations == 1)
        await relay.stop()
        #expect(runtime.liveTasks == 0)
    }
}
