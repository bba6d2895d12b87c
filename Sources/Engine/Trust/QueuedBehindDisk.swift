import Runtime

/// A save that held the handshake lock across its disk write while other calls queued behind
/// it: the trust store incident as its users saw it (see Trust/README.md).
public struct QueuedBehindDisk: Sendable, Equatable {
    /// Who held the lock ("handshake peer-7", "trust saver: fsync under read lock").
    public let holder: String
    public let since: RuntimeInstant
    /// How long the lock has been (or was) held across the write.
    public let held: Duration
    /// Calls queued on the lock behind it.
    public let queued: Int
    /// Held as the writer (`under-lock`) rather than a reader (`read-locked-write`).
    public let exclusive: Bool
}
