import Backpressure
import Engine
import Runtime
import Testing

/// Ported from PR #3960/#3962: the listener's forwards must never block when a channel is full.
/// Capacity 4, nobody consuming, 1000 forwards: they finish within the budget, at most 4 are
/// sent, the rest are answered `full` at once, and nothing is reported closed.
@Suite struct ForwardingNeverBlocksTests {
    static let channelCapacity = 4
    static let attempts = 1_000
    static let budget: Duration = .seconds(1)

    private final class Tally: Sendable {
        let counts = LockedState(ForwardCounts())
        let finished = ListenerTestFlag()
    }

    /// Runs `attempts` forwards of `destination` through the listener's path under `policy`, with
    /// every channel at `channelCapacity` and no consumer started.
    private func forwardWithoutConsumer(
        _ destination: ListenerPacket.Destination, policy: ListenerPolicy
    ) -> (finished: Bool, elapsed: Duration, counts: ForwardCounts) {
        var config = ListenerConfig.incident
        config.peerCount = 1
        config.peerInboundChannelCapacity = Self.channelCapacity
        config.gatewayHandshakeChannelCapacity = Self.channelCapacity
        config.natTraversalChannelCapacity = Self.channelCapacity
        let harness = ListenerHarness(policy: policy, config: config, start: false)
        let subsystem = harness.subsystem
        let tally = Tally()
        let forwarder = harness.runtime.spawn("test.forward") {
            for sequence in 0..<Self.attempts {
                guard
                    let outcome = try? await subsystem.forward(
                        ListenerPacket(sequence: UInt64(sequence), destination: destination))
                else { return }
                tally.counts.withLock { $0.count(outcome) }
            }
            tally.finished.set()
        }
        let finished = harness.runtime.run(until: { tally.finished.isSet }, limit: Self.budget)
        let elapsed = harness.runtime.now.sinceStart
        // A blocked forwarder is cancelled, so it leaves nothing parked behind.
        forwarder.cancel()
        harness.runtime.runUntilIdle()
        return (finished, elapsed, tally.counts.withLock { $0 })
    }

    private func expectNeverBlocks(_ destination: ListenerPacket.Destination, policy: ListenerPolicy = .fixed) {
        let result = forwardWithoutConsumer(destination, policy: policy)
        #expect(result.finished, "1000 forwards did not finish within \(Self.budget)")
        // Not a single timer was waited on: every forward answered at once.
        #expect(result.elapsed == .zero)
        #expect(result.counts.sent <= Self.channelCapacity)
        #expect(result.counts.full >= Self.attempts - Self.channelCapacity)
        #expect(result.counts.closed == 0)
        #expect(result.counts.attempts == Self.attempts)
    }

    /// PR #3960 wrote these two (`test_try_send_established_never_blocks_when_full`, and the
    /// gateway one added in its review), so they run on `await-nat`, its step, and on `fixed`.
    @Test(arguments: [ListenerPolicy.awaitNat, .fixed])
    func establishedForwardingNeverBlocksWhenFull(policy: ListenerPolicy) {
        expectNeverBlocks(.peer(0), policy: policy)
    }

    @Test(arguments: [ListenerPolicy.awaitNat, .fixed])
    func gatewayHandshakeForwardingNeverBlocksWhenFull(policy: ListenerPolicy) {
        expectNeverBlocks(.gatewayHandshake, policy: policy)
    }

    /// The follow-up's (#3962): only `fixed` passes it; `await-nat` is the control below.
    @Test func natTraversalForwardingNeverBlocksWhenFull() {
        expectNeverBlocks(.natTraversal)
    }

    /// The control: the same test against the `await-nat` step's NAT forward does block, so the
    /// test above can fail.
    @Test func awaitNatForwardingBlocksWhenFull() {
        let result = forwardWithoutConsumer(.natTraversal, policy: .awaitNat)
        #expect(!result.finished)
        #expect(result.counts.sent == Self.channelCapacity)
        #expect(result.counts.full == 0)
    }
}
