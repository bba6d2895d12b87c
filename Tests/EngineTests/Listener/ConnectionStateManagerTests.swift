import Engine
import Runtime
import Testing

/// The outcomes' side effects: full drops are counted and logged at most once per
/// `dropLogInterval`; closed marks the peer closed and its later packets skip the channel.
@Suite struct ConnectionStateManagerTests {
    @Test func fullDropsAreCountedAndLoggedAtMostEveryTenSeconds() {
        let harness = ListenerHarness(policy: .fixed)
        harness.subsystem.stallNatConsumer()
        let snapshot = harness.run(for: .seconds(45))
        let logs = harness.context.events.events().filter { $0.message.contains("nat-traversal packet(s)") }
        // The channel fills after 10 s; 35 s of drops at 10 packets/s are logged 4 times.
        #expect(snapshot.natTraversalForwards.full > 300)
        #expect(logs.count == 4)
        for (earlier, later) in zip(logs, logs.dropFirst()) {
            #expect(earlier.at.duration(to: later.at) >= ListenerConfig.incident.dropLogInterval)
        }
        #expect(logs.last?.message.contains("listener.nat (100/100) full") == true)
        harness.subsystem.checkInvariants()
    }

    @Test(arguments: ListenerPolicy.allCases)
    func aClosedPeerIsMarkedClosedAndItsPacketsDropped(policy: ListenerPolicy) {
        let harness = ListenerHarness(policy: policy)
        let listener = harness.subsystem
        _ = harness.run(for: .seconds(2))
        listener.closePeerConnection(6)
        let closed = harness.run(for: .seconds(10))
        #expect(listener.manager.isClosed(peer: 6))
        #expect(closed.closedPeers == 1)
        #expect(closed.established.closed > 5)
        #expect(closed.drops.closed == closed.established.closed)
        #expect(closed.warnings.isEmpty)
        let notices = harness.context.events.events().filter { $0.message.contains("peer[6] connection closed") }
        #expect(notices.count == 1)
        listener.checkInvariants()
        let final = harness.stop()
        #expect(final.consumedEstablished == final.established.sent)
    }

    @Test func aFloodBeyondTheSocketBufferIsLostAtTheSocketAndCounted() {
        let harness = ListenerHarness(policy: .fixed)
        let buffer = ListenerHarness.smallConfig().socketReceiveBufferPackets
        _ = harness.run(for: .seconds(1))
        harness.subsystem.flood(.gatewayHandshake, packets: buffer + 500)
        let snapshot = harness.run(for: .seconds(2))
        #expect(snapshot.drops.socketOverflow >= 500)
        #expect(
            snapshot.packetsArrived == snapshot.packetsForwarded + snapshot.drops.socketOverflow
                + snapshot.socketBacklog)
        harness.subsystem.checkInvariants()
    }
}
