import Runtime

/// What the accept path looks like at one instant: the handshake channel, the accept-vs-reader
/// gap of the incident, identity exchange outcomes, registration backlog, lock contention and
/// stale entries, plus the stalls they add up to.
public struct AcceptSnapshot: Sendable, Equatable, Codable {
    public let policy: AcceptPolicy
    public let at: RuntimeInstant

    // Handshake channel (transport -> node).
    public let handshakeCapacity: Int
    public let handshakeLength: Int
    public let handshakeHighWater: Int
    /// Transport handoffs awaiting a slot.
    public let handshakeBlockedProducers: Int
    /// How long the channel has been full, if it is.
    public let handshakeFullFor: Duration?

    // Connections.
    public let connectAttempts: Int
    public let connectFailures: Int
    /// Transport-side "Accepted connection".
    public let accepted: Int
    /// Node-side "spawning reader task".
    public let readerTasksSpawned: Int
    /// Accepted, but closed before the accept loop reached them: never got a reader.
    public let lostBeforeReader: Int
    public let rateLimited: Int
    /// Accepted and still queued on the way to the accept loop (buffered or blocked producers).
    public let awaitingReader: Int
    public let establishedEvents: Int
    public let lostEvents: Int

    // Identity exchange (client side).
    public let identityOK: Int
    public let identityTimedOut: Int
    /// ok / (ok + timed out); nil before any exchange settled.
    public let identitySuccessRatio: Double?

    // Registration.
    /// Queued registration items (`fixed`) or registration tasks not yet done (`spawn`).
    public let registrationQueueLength: Int
    /// The `fixed` queue's bound; nil for policies without a queue.
    public let registrationQueueCapacity: Int?
    public let registrationsDone: Int
    public let peers: Int
    public let activeConnections: Int
    /// Entries left for connections whose lost event was already handled: nothing removes them.
    public let staleEntries: Int

    /// nil under `fixed` (no async lock).
    public let peersLock: AcceptLockSnapshot?
    public let activeConnectionsLock: AcceptLockSnapshot?

    public internal(set) var warnings: [StallWarning]

    /// Flat numbers for a scenario's JSON `metrics`, keys stable (the engine prefixes `accept.`).
    public var metrics: [String: Double] {
        var metrics: [String: Double] = [
            "accepted": Double(accepted),
            "readerTasksSpawned": Double(readerTasksSpawned),
            "lostBeforeReader": Double(lostBeforeReader),
            "awaitingReader": Double(awaitingReader),
            "rateLimited": Double(rateLimited),
            "connectFailures": Double(connectFailures),
            "identityOK": Double(identityOK),
            "identityTimedOut": Double(identityTimedOut),
            "handshakeHighWater": Double(handshakeHighWater),
            "handshakeBlockedProducers": Double(handshakeBlockedProducers),
            "registrationQueueLength": Double(registrationQueueLength),
            "staleEntries": Double(staleEntries),
        ]
        if let identitySuccessRatio { metrics["identitySuccessRatio"] = identitySuccessRatio }
        if let peersLock {
            metrics["peersLock.waitP99Seconds"] = peersLock.waitP99.seconds
            metrics["peersLock.holdP99Seconds"] = peersLock.holdP99.seconds
            metrics["peersLock.peakWaiters"] = Double(peersLock.peakWaiters)
        }
        return metrics
    }
}
