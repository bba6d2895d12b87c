import Engine
import Runtime
import Testing

/// The policy ladder in virtual time: which fault freezes which step.
@Suite struct ListenerLadderTests {
    static let wedgedPeer = 3

    /// A reservation never committed in one peer's channel: under `spin-channel` the peer's
    /// connection task spins on it at once; once the ring wraps onto it (an 8-slot ring at 5
    /// packets/s: about 1.4 s) the listener spins too and freezes for every peer, the two
    /// runtime workers are taken and the API stops answering. The bounded designs lose one slot.
    @Test(arguments: ListenerPolicy.allCases)
    func aWedgedSlotFreezesOnlySpinChannel(policy: ListenerPolicy) {
        var config = ListenerHarness.smallConfig()
        config.peerInboundChannelCapacity = 8
        let harness = ListenerHarness(policy: policy, config: config)
        let listener = harness.subsystem
        _ = harness.run(for: .seconds(5))
        #expect(listener.wedgeSlot(peer: Self.wedgedPeer))
        let early = harness.run(for: .seconds(5))
        let late = harness.run(for: .seconds(5))
        #expect(late.wedgedPeer == Self.wedgedPeer)
        listener.checkInvariants()

        if policy == .spinChannel {
            // Frozen: not one packet forwarded in the last 5 s, for any peer.
            #expect(late.packetsForwarded == early.packetsForwarded)
            #expect(late.packetsPerSecond == 0)
            #expect(late.currentIterationFor != nil)
            // Two spinners, a quantum per iteration: 1000 iterations per second each.
            #expect(late.spinIterationsPerSecond == 2_000)
            #expect(late.spinners.count == 2)
            #expect(listener.stallWarnings() == late.warnings)
            #expect(late.spinners.contains("listener try_send on peer[\(Self.wedgedPeer)].in"))
            #expect(
                late.warnings.contains {
                    $0.kind == .listenerSpinning && $0.cause.contains("listener try_send on peer[3].in")
                })
            let api = late.warnings.first { $0.kind == .apiUnanswered }
            #expect(api?.cause.contains("runtime workers 2/2 taken by") == true)
            #expect((late.apiProbeWaiting ?? .zero) >= .seconds(4))
            #expect(late.socketBacklog > 0)

            // Clearing the wedge thaws everything: the backlog is forwarded, the API answers.
            #expect(listener.clearWedge())
            let thawed = harness.run(for: .seconds(3))
            #expect(thawed.packetsForwarded > late.packetsForwarded)
            #expect(thawed.spinners.isEmpty)
            #expect(thawed.warnings.isEmpty)
            #expect(thawed.apiProbeWaiting == nil)
            // Frozen from the wrap (a few seconds after the wedge) to the clear: at least the
            // 5 s `late` window.
            #expect(thawed.apiProbeLatency.max >= .seconds(5))
            #expect(thawed.loopLatency.max >= .seconds(5))
        } else {
            #expect(late.packetsForwarded > early.packetsForwarded)
            #expect(late.packetsPerSecond > 50)
            #expect(late.spinIterations == 0)
            #expect(late.warnings.isEmpty)
            #expect(late.apiProbeLatency.max == .zero)
            #expect(late.fullestPeers.contains { $0.name == "peer[\(Self.wedgedPeer)].in" && $0.reserved == 1 })
            // Clearing returns the held slot.
            #expect(listener.clearWedge())
            #expect(listener.manager.peerSink(Self.wedgedPeer).snapshot().reserved == 0)
            #expect(listener.snapshot().wedgedPeer == nil)
        }
    }

    /// The NAT traversal task stalls and its channel fills (10 packets/s into 100 slots): the
    /// steps that await the NAT send block the listener for every peer; `fixed` drops NAT
    /// packets and keeps forwarding.
    @Test(arguments: ListenerPolicy.allCases)
    func aFullNatChannelBlocksOnlyTheAwaitingSteps(policy: ListenerPolicy) {
        let harness = ListenerHarness(policy: policy)
        let listener = harness.subsystem
        _ = harness.run(for: .seconds(2))
        listener.stallNatConsumer()
        let filled = harness.run(for: .seconds(15))
        let later = harness.run(for: .seconds(5))
        #expect(filled.natTraversal.isFull)
        #expect(later.natConsumerStalled)

        if policy == .fixed {
            #expect(later.established.sent > filled.established.sent)
            #expect(later.natTraversalForwards.full > 0)
            #expect(later.dropsPerSecond.natTraversalFull > 5)
            #expect(later.warnings.isEmpty)
            #expect(later.currentIterationFor == nil)
            #expect(
                harness.context.events.events().contains {
                    $0.message.contains("nat-traversal packet(s)") && $0.message.contains("full")
                })
        } else {
            #expect(later.established.sent == filled.established.sent)
            #expect(later.natTraversalForwards.full == 0)
            let blocked = later.warnings.first { $0.kind == .listenerBlocked }
            #expect(blocked?.cause.contains("awaiting send on nat channel (100/100)") == true)
            #expect((later.currentIterationFor ?? .zero) >= .seconds(5))
        }

        // Releasing the consumer unblocks the awaiting steps.
        listener.releaseNatConsumer()
        let released = harness.run(for: .seconds(3))
        #expect(released.established.sent > later.established.sent)
        #expect(released.warnings.isEmpty)
        listener.checkInvariants()
    }

    /// Under `fixed`, with every fault at once, the API answers every probe at once.
    @Test func fixedKeepsTheApiAnsweringThroughout() {
        let harness = ListenerHarness(policy: .fixed)
        let listener = harness.subsystem
        _ = harness.run(for: .seconds(2))
        listener.wedgeSlot(peer: Self.wedgedPeer)
        listener.stallNatConsumer()
        listener.stallPeerConsumer(5)
        listener.flood(.peer(5), packets: 3_000)
        listener.flood(.gatewayHandshake, packets: 500)
        let config = ListenerHarness.smallConfig()
        for _ in 0..<10 {
            let snapshot = harness.run(for: .seconds(2))
            #expect(snapshot.apiProbeWaiting == nil)
            #expect(snapshot.warnings.isEmpty)
        }
        let final = listener.snapshot()
        #expect(final.apiProbeLatency.max == .zero)
        #expect(final.apiProbesAnswered == Int(Duration.seconds(22) / config.apiProbeInterval))
        #expect(final.fullestPeers.first?.name == "peer[5].in")
        #expect(final.fullestPeers.first?.isFull == true)
        #expect(final.drops.peerChannelFull > 0)
        #expect(final.drops.natTraversalFull > 0)
    }
}
