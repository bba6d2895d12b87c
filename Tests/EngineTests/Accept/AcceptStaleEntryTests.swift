import Engine
import Runtime
import Testing

/// A connection lost before its registration runs (PR #82's review finding): the operator holds
/// the peers lock while a client connects, verifies its identity (no lock needed) and leaves
/// after a 1 s session, so the loss is handled while the registration still waits.
@Suite struct AcceptStaleEntryTests {
    /// Far longer than the client's 1 s session.
    static let peersLockHold: Duration = .seconds(12)

    /// Holds the peers lock, connects one client that leaves after a 1 s session, and returns
    /// the snapshot taken while the registration still waits and the one after it ran.
    func loseBeforeRegistration(
        _ policy: AcceptPolicy
    ) -> (pending: AcceptSnapshot, after: AcceptSnapshot, stopped: Bool) {
        var config = AcceptConfig.incident
        config.clientSession = .seconds(1)
        let harness = AcceptHarness(policy: policy, config: config)
        harness.subsystem.holdPeersLock(for: Self.peersLockHold)
        harness.subsystem.flood(clients: 1, interval: .zero)
        harness.runtime.run(until: RuntimeInstant(sinceStart: .seconds(11)))
        let pending = harness.subsystem.snapshot()
        harness.runtime.run(until: RuntimeInstant(sinceStart: .seconds(14)))
        return (pending, harness.subsystem.snapshot(), harness.stop())
    }

    @Test func spawnPerConnectionLeavesAStaleEntry() throws {
        let (pending, after, stopped) = loseBeforeRegistration(.spawnPerConnection)
        // Lost before registration: identity needs no lock, so it succeeds, the 1 s session
        // ends and the lifecycle monitor handles the loss while the registration task waits.
        #expect(pending.lostEvents == 1)
        #expect(pending.identityOK == 1)
        #expect(pending.registrationsDone == 0)
        #expect(pending.registrationQueueLength == 1)
        // The registration task then re-inserts what the lifecycle monitor already removed.
        #expect(after.registrationsDone == 1)
        #expect(after.staleEntries == 1)
        #expect(after.activeConnections == 1)
        let warning = try #require(after.warnings.first { $0.kind == .staleEntries })
        #expect(warning.cause.hasPrefix("1 stale peer entries"))
        #expect(stopped)
    }

    @Test func fixedLeavesNoEntryBehind() {
        let (pending, after, stopped) = loseBeforeRegistration(.fixed)
        // The reader needs no lock under `fixed`: identity succeeds, the 1 s session ends and
        // the connection is lost while its registration is still queued behind the held map.
        #expect(pending.identityOK == 1)
        #expect(pending.lostEvents == 1)
        #expect(pending.registrationsDone == 0)
        // The consumer holds the registration, parked on the map; the loss queues behind it.
        #expect(pending.registrationQueueLength == 1)
        // A delayed registration harms nobody while the queue has room: no warning.
        #expect(pending.warnings.isEmpty)
        // The consumer applies the registration, then the loss, in order.
        #expect(after.registrationsDone == 1)
        #expect(after.registrationQueueLength == 0)
        #expect(after.staleEntries == 0)
        #expect(after.peers == 0)
        #expect(after.activeConnections == 0)
        #expect(after.warnings.isEmpty)
        #expect(stopped)
    }
}
