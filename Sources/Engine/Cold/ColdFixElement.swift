/// One element of the cold storage task's fixes, so a ladder step is described as the set of
/// elements it has and a test can withhold one element from `fixed` to show a scenario needs it
/// (see Cold/README.md, the ladder).
public enum ColdFixElement: String, CaseIterable, Sendable {
    /// PR #56: reads are limited by a 64-permit semaphore, which the writer drains with
    /// `acquireMany(64)`, instead of a task tracker whose wait resolves only once it is closed
    /// and empty.
    case readSemaphore = "read-semaphore"
    /// PR #57: the caller acquires its read permit before sending, and the permit travels in the
    /// request (the read channel is sized to the permit count).
    case permitAttachedByCaller = "permit-attached-by-caller"
    /// PR #57: the dispatcher and the writer run as separate loops, so the dispatcher keeps
    /// taking requests while the writer drains and no permit strands in the read channel.
    case dispatcherWriterSplit = "dispatcher-writer-split"
    /// PR #57: the writer's drain races the cancellation token (the cancel-select), so shutdown
    /// does not wait for the drain.
    case cancellableDrain = "cancellable-drain"
    /// PR #57: every non-stream read runs under the read deadline, so a stuck reader's permit
    /// comes back.
    case readDeadline = "read-deadline"
    /// The review's option 3: stream setup takes a stream slot only, no read permit, so it never
    /// holds up the writer's drain.
    case streamSetupOffReadPermits = "stream-setup-off-read-permits"
    /// The review's option 1: stream setup (the wait for a slot and the backend's `latestBlock`)
    /// is bounded by the read deadline.
    case boundedStreamSetup = "bounded-stream-setup"
    /// The review's last items: shutdown closes the semaphores (later callers fail at once),
    /// cancels handlers and streams, and is bounded by `shutdownGrace`.
    case boundedShutdown = "bounded-shutdown"
}

extension ColdPolicy {
    /// The elements of the fixes this step has.
    public var fixElements: Set<ColdFixElement> {
        switch self {
        case .tasktracker: []
        case .semaphore: [.readSemaphore]
        case .permitAttached:
            [.readSemaphore, .permitAttachedByCaller, .dispatcherWriterSplit, .cancellableDrain, .readDeadline]
        case .fixed: Set(ColdFixElement.allCases)
        }
    }
}
