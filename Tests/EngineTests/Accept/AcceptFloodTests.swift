import Engine
import Runtime
import Testing

/// The accept PR's connection-flood stress test (see Sources/Engine/Accept/README.md), ported:
/// one node, clients started 50 ms apart, connect timeout 5 s, identity exchange 10 s, join
/// 30 s; at least 90% must complete identity exchange, connect failures tolerated.
@Suite struct AcceptFloodTests {
    /// The original test's pass mark: 40 clients less a tolerance of 3 (`40 / 20 + 1`), 37.
    static let clients = 40
    static let requiredIdentityOK = 37

    @Test func fixedKeepsIdentityExchangeUnderContention() {
        let harness = AcceptHarness(policy: .fixed, config: .contended)
        let snapshot = harness.flood(clients: Self.clients)
        #expect(snapshot.connectAttempts == Self.clients)
        #expect(snapshot.identityOK >= Self.requiredIdentityOK)
        #expect(snapshot.accepted == snapshot.readerTasksSpawned)
        #expect(snapshot.handshakeHighWater < snapshot.handshakeCapacity)
        #expect(snapshot.peersLock == nil)
        #expect(snapshot.warnings.isEmpty)
        #expect(harness.stop())
    }

    /// PR #82 wrote this test and passed it: spawning registration frees the accept loop, so
    /// every reader starts at once and identity exchange needs no lock.
    @Test func spawnPerConnectionPassesThePRsOwnFlood() {
        let harness = AcceptHarness(policy: .spawnPerConnection, config: .contended)
        let snapshot = harness.flood(clients: Self.clients)
        #expect(snapshot.connectAttempts == Self.clients)
        #expect(snapshot.identityOK >= Self.requiredIdentityOK)
        #expect(snapshot.accepted == snapshot.readerTasksSpawned)
        #expect(snapshot.handshakeHighWater < snapshot.handshakeCapacity)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings.map(\.cause))")
        #expect(harness.stop())
    }

    @Test func inlineFailsTheFloodWhenOtherTasksHoldTheLocks() {
        let harness = AcceptHarness(policy: .inline, config: .contended)
        let snapshot = harness.flood(clients: Self.clients)
        // The incident, reproduced: the accept loop waits on the peers lock, the 32-slot channel
        // fills, readers start too late, identity exchange times out.
        #expect(snapshot.identityOK < Self.requiredIdentityOK)
        #expect(snapshot.identityTimedOut == Self.clients - snapshot.identityOK - snapshot.connectFailures)
        #expect(snapshot.handshakeHighWater == snapshot.handshakeCapacity)
        #expect(snapshot.readerTasksSpawned < snapshot.accepted)
        #expect(snapshot.lostBeforeReader == snapshot.accepted - snapshot.readerTasksSpawned)
        #expect((snapshot.peersLock?.waitP99 ?? .zero) > .milliseconds(100))
        #expect(snapshot.warnings.map(\.kind).contains(.identityExchangeTimeouts))
        #expect(harness.stop())
    }

    @Test func inlinePassesTheFloodWithoutTheContentionKnob() {
        let harness = AcceptHarness(policy: .inline, config: .incident)
        let snapshot = harness.flood(clients: Self.clients)
        #expect(snapshot.identityOK >= Self.requiredIdentityOK)
        #expect(harness.stop())
    }

    @Test func theStallIsNamedWhileTheChannelIsFull() throws {
        let harness = AcceptHarness(policy: .inline, config: .contended)
        harness.subsystem.flood(clients: Self.clients, interval: .milliseconds(50))
        // Mid-flood: the channel filled at 1.7 s, when the flood outran the loop.
        harness.runtime.run(until: RuntimeInstant(sinceStart: .seconds(3)))
        #expect(harness.subsystem.handshakeChannel.isFull)
        let snapshot = harness.subsystem.snapshot()
        let warning = try #require(snapshot.warnings.first { $0.kind == .handshakeChannelFull })
        #expect(warning.cause.hasPrefix("handshake channel full 1."))
        #expect(warning.cause.contains("(32/32, blocked producers: \(snapshot.handshakeBlockedProducers))"))
        #expect(warning.cause.contains(": accept loop waiting "))
        #expect(warning.cause.contains(" write lock (held by "))
        #expect(warning.since == snapshot.at.advanced(by: .zero - (snapshot.handshakeFullFor ?? .zero)))
        #expect(harness.stop())
    }

    /// The same flood at the testnet's scale.
    @Test func fixedHoldsAThousandConnections() throws {
        let harness = AcceptHarness(policy: .fixed, config: .contended)
        let snapshot = harness.flood(clients: 1_000)
        #expect(try #require(snapshot.identitySuccessRatio) >= 0.99)
        #expect(snapshot.identityOK + snapshot.connectFailures >= 990)
        // Every accepted connection got its reader: none queued, none lost on the way.
        #expect(snapshot.accepted == snapshot.readerTasksSpawned)
        #expect(snapshot.awaitingReader == 0)
        #expect(snapshot.lostBeforeReader == 0)
        #expect(snapshot.staleEntries == 0)
        #expect(harness.stop())
    }
}
