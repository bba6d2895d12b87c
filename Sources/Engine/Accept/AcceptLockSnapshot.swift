/// One of the node's async write locks (`peers`, `activeConnections`) at one instant.
public struct AcceptLockSnapshot: Sendable, Equatable, Codable {
    public let name: String
    /// Acquirers queued now, and the most ever queued at once (a herd shows here).
    public let waiters: Int
    public let peakWaiters: Int
    /// Who holds it now ("maintenance scan", "accept loop", "registration #17") and for how long.
    public let holder: String?
    public let heldFor: Duration?
    /// How long the head of the queue has waited.
    public let oldestWaiter: Duration?
    /// How long the accept loop has been queued on it, if it is.
    public let acceptLoopWaiting: Duration?
    /// How long the oldest routing lookup (message handling) has been queued on it, if one is.
    public let messageHandlingWaiting: Duration?
    /// Spawned registration tasks (`spawn-per-connection`) queued on it now: the herd.
    public let registrationTasksWaiting: Int
    public let waitP99: Duration
    public let waitMax: Duration
    public let holdP99: Duration
    public let acquisitions: Int
}
