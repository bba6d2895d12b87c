import Runtime
import Testing

@testable import Engine

/// The explorer's "every stream intact" invariant, kept and broken on purpose.
@Suite struct RelayIntactTests {
    func runStreams(tampering: Bool) -> (relay: RelaySubsystem, violations: [InvariantViolation]) {
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        let relay = RelaySubsystem(context: context, policy: .fixed)
        if tampering {
            relay.tamperWithAssembledBytes.withLock { $0 = { bytes in [bytes[0] &+ 1] + bytes.dropFirst() } }
        }
        let engine = Engine(context: context, subsystems: [relay])
        engine.start()
        runtime.run(for: .seconds(30))
        runtime.spawn("stop") { await engine.stop() }
        runtime.runUntilIdle()
        return (relay, engine.violationsAfterStop())
    }

    @Test func streamsDeliveredAreIntact() {
        let (relay, violations) = runStreams(tampering: false)
        #expect(relay.snapshot().totals.streamsDone > 0)
        #expect(violations.isEmpty)
    }

    @Test func aByteChangedOnTheWayBreaksIt() {
        let (relay, violations) = runStreams(tampering: true)
        #expect(relay.snapshot().totals.streamsDone == 0)
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { $0.law == .streamsIntact && $0.subsystem == .relay })
        #expect(
            violations.first?.description == "relay: stream 1: the receiver assembled other bytes than the source sent")
    }
}
