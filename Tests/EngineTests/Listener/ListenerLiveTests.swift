import Engine
import Runtime
import Testing

/// The `fixed` listener on the real multi-threaded executor and wall clock: packets flow, a
/// stalled NAT consumer costs drops and never a stall, and stop drains everything accepted.
/// (The spin-channel wedge is not run here: on the real executor it pegs real threads, which is
/// the point of the incident and would starve the test process's cooperative pool.)
@Suite struct ListenerLiveTests {
    static let wallGuard: Duration = .seconds(20)

    /// Polls `condition` until it holds or the guard expires.
    private func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + Self.wallGuard
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    @Test func fixedForwardsAndConservesOnTheRealExecutor() async {
        var config = ListenerConfig.incident
        config.peerCount = 10
        config.peerPacketRatePerSecond = 20
        config.natTraversalPacketRatePerSecond = 200
        config.natTraversalChannelCapacity = 10
        config.socketTickInterval = .milliseconds(10)
        let runtime = LiveRuntime(seed: 1)
        let listener = ListenerSubsystem(context: EngineContext(runtime: runtime), policy: .fixed, config: config)
        listener.start()
        #expect(await eventually { listener.snapshot().packetsForwarded >= 50 })
        listener.stallNatConsumer()
        #expect(await eventually { listener.snapshot().drops.natTraversalFull > 0 })
        let before = listener.snapshot().established.sent
        #expect(await eventually { listener.snapshot().established.sent > before + 20 })
        await listener.stop()
        let final = listener.snapshot()
        #expect(final.consumedEstablished == final.established.sent)
        #expect(final.consumedNatTraversal == final.natTraversalForwards.sent)
        #expect(final.consumedGatewayHandshake == final.gatewayHandshakeForwards.sent)
        #expect(final.spinIterations == 0)
        #expect(runtime.liveTasks == 0)
    }
}
