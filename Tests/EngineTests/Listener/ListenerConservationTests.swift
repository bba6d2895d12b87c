import Engine
import Runtime
import Testing

/// Nothing the listener reported as sent is lost: once stopped (which drains every consumer),
/// each path's consumers took exactly what was sent on it.
@Suite struct ListenerConservationTests {
    @Test(arguments: ListenerPolicy.allCases)
    func everyPacketReportedSentIsConsumed(policy: ListenerPolicy) {
        let harness = ListenerHarness(policy: policy, seed: 11)
        let listener = harness.subsystem
        _ = harness.run(for: .seconds(2))
        listener.stallPeerConsumer(2)
        listener.flood(.peer(2), packets: 2_500)
        listener.flood(.gatewayHandshake, packets: 300)
        _ = harness.run(for: .seconds(3))
        listener.stallNatConsumer()
        listener.flood(.natTraversal, packets: 150)
        _ = harness.run(for: .seconds(5))
        listener.releasePeerConsumer(2)
        _ = harness.run(for: .seconds(2))
        listener.wedgeSlot(peer: 4)
        // Stopped with the NAT consumer still stalled and a slot still wedged: stop clears both.
        let final = harness.stop()

        #expect(final.established.sent > 0)
        #expect(final.consumedEstablished == final.established.sent)
        #expect(final.consumedGatewayHandshake == final.gatewayHandshakeForwards.sent)
        #expect(final.consumedNatTraversal == final.natTraversalForwards.sent)
        #expect(final.peerChannelsOccupied == 0)
        #expect(final.natTraversal.occupied == 0)
        #expect(final.gatewayHandshake.occupied == 0)
        #expect(harness.runtime.liveTasks == 0)
        listener.checkInvariants()
        if policy == .fixed {
            // The floods overflowed the stalled consumers' channels: dropped and counted.
            #expect(final.drops.peerChannelFull > 0)
            #expect(final.drops.natTraversalFull > 0)
        }
    }

    @Test func theSameSeedReplaysTheSameRun() {
        func run() -> ListenerSnapshot {
            let harness = ListenerHarness(policy: .spinChannel, seed: 5)
            _ = harness.run(for: .seconds(3))
            harness.subsystem.wedgeSlot()
            _ = harness.run(for: .seconds(2))
            harness.subsystem.clearWedge()
            harness.subsystem.stallNatConsumer()
            return harness.run(for: .seconds(20))
        }
        #expect(run() == run())
    }
}
