import Engine
import Runtime
import Testing

@Suite struct AcceptFaultTests {
    @Test func slowIdentityExchangeTimesOutEvenUnderFixed() {
        let harness = AcceptHarness(policy: .fixed)
        harness.subsystem.slowIdentityExchange(to: .seconds(11))
        let snapshot = harness.flood(clients: 5)
        #expect(snapshot.identityOK == 0)
        #expect(snapshot.identityTimedOut == 5)
        // Readers were spawned at once: the timeout is the node's slowness, not the channel.
        #expect(snapshot.readerTasksSpawned == 5)
        #expect(snapshot.handshakeHighWater <= 1)
        #expect(harness.stop())
    }

    @Test func holdingThePeersLockFillsTheHandshakeChannelUnderInline() throws {
        let harness = AcceptHarness(policy: .inline)
        let snapshot = harness.floodWhileHoldingPeers(for: .seconds(4), clients: 40, snapshotAt: .seconds(3))
        #expect(snapshot.handshakeLength == 32)
        #expect(snapshot.handshakeBlockedProducers == 40 - 32 - 1)
        #expect(snapshot.readerTasksSpawned == 0)
        #expect(snapshot.peersLock?.holder == "operator hold")
        let warning = try #require(snapshot.warnings.first { $0.kind == .handshakeChannelFull })
        #expect(
            warning.cause.contains("accept loop waiting 3.0 s on peers write lock (held by operator hold for 3.0 s)"))
        // Released within the identity timeout, everyone still makes it.
        harness.runtime.run(for: .seconds(30))
        #expect(harness.subsystem.snapshot().identityOK == 40)
        #expect(harness.stop())
    }

    @Test func holdingThePeersMapUnderFixedOnlyDelaysRegistration() {
        let harness = AcceptHarness(policy: .fixed)
        let snapshot = harness.floodWhileHoldingPeers(for: .seconds(4), clients: 40, snapshotAt: .seconds(3))
        // 39 queued, one in the consumer's hands, parked on the held map.
        #expect(snapshot.registrationQueueLength == 39)
        #expect(snapshot.readerTasksSpawned == 40)
        #expect(snapshot.identityOK == 40)
        #expect(snapshot.handshakeLength == 0)
        harness.runtime.run(for: .seconds(2))
        #expect(harness.subsystem.snapshot().registrationQueueLength == 0)
        #expect(harness.subsystem.snapshot().peers == 40)
        #expect(harness.stop())
    }

    @Test func spawnPerConnectionHerdsOnThePeersLock() throws {
        let harness = AcceptHarness(policy: .spawnPerConnection)
        let snapshot = harness.floodWhileHoldingPeers(for: .seconds(8), clients: 40, snapshotAt: .seconds(7))
        // One registration task per connection, all queued on the same lock; the routing
        // lookups (message handling) queue behind them and wait past the herd's delay.
        #expect(snapshot.registrationQueueLength == 40)
        #expect(snapshot.handshakeLength == 0)
        let peersLock = try #require(snapshot.peersLock)
        #expect(peersLock.registrationTasksWaiting == 40)
        #expect(peersLock.waiters >= 40)
        #expect((peersLock.messageHandlingWaiting ?? .zero) >= AcceptConfig.incident.herdMessageDelay)
        let herd = try #require(snapshot.warnings.first { $0.kind == .lockHerd })
        #expect(herd.cause.contains("message handling waiting"))
        #expect(herd.cause.contains("behind 40 registration tasks"))
        #expect(harness.stop())
    }

    @Test func rateLimitsASingleSource() {
        let harness = AcceptHarness(policy: .fixed)
        // 40 clients in 0.4 s from one address: the first 20 fit the 1 s window.
        let snapshot = harness.flood(clients: 40, interval: .milliseconds(10), sources: 1)
        #expect(snapshot.rateLimited == 20)
        #expect(snapshot.identityOK == 20)
        #expect(snapshot.identityTimedOut == 0)
        #expect(snapshot.accepted == snapshot.readerTasksSpawned + snapshot.rateLimited)
        #expect(harness.stop())
    }

    @Test func registersItsPrimitives() {
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        let inline = AcceptSubsystem(context: context, policy: .inline)
        let fixed = AcceptSubsystem(context: context, policy: .fixed)
        let names = context.instruments.snapshots().map(\.name)
        #expect(
            names == [
                "accept.handshake", "accept.connection-events", "accept.peers", "accept.activeConnections",
                "accept.handshake", "accept.connection-events", "accept.registration", "accept.peers-map",
            ])
        _ = (inline, fixed)
    }
}
