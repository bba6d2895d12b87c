/// The fix ladder of incident 4, oldest first; raw values are the step names (see
/// Accept/README.md, the ladder).
public enum AcceptPolicy: String, CaseIterable, Sendable, Codable {
    /// The original: the accept loop takes the `peers` and `activeConnections` write locks
    /// itself, so lock contention elsewhere slows the drain of the handshake channel.
    case inline
    /// PR #82 (reverted the same day): a registration task per connection. The loop stays free,
    /// but a flood queues a herd on the write lock, and a registration that runs after its
    /// connection was lost leaves a stale entry nothing removes.
    case spawnPerConnection = "spawn-per-connection"
    /// One registration consumer fed by a bounded queue, lost events through the same queue in
    /// order, and a concurrent map with no async lock.
    case fixed

    /// Whether `peers` and `activeConnections` sit behind async write locks.
    public var usesAsyncLocks: Bool { self != .fixed }
}
