/// The cold storage task's fix ladder (see Cold/README.md, the ladder), oldest first.
public enum ColdPolicy: String, CaseIterable, Sendable, Codable {
    /// One biased loop; reads are throttled by a task tracker whose wait resolves only when the
    /// tracker is closed and empty, which the read arm never does: the 65th read parks the loop.
    case tasktracker
    /// A 64-permit semaphore acquired by the loop; the writer drains with an uncancellable
    /// `acquireMany(64)`, so one stuck reader wedges every write and shutdown.
    case semaphore
    /// The caller acquires its permit before sending; split dispatcher and writer; 5 s read
    /// deadline. Stream setup still holds the outer permit across unbounded waits.
    case permitAttached = "permit-attached"
    /// Stream setup takes no read permit and is bounded; shutdown closes the semaphores.
    case fixed
}
