/// One element of PR #3568's fix, so a ladder step is described as the set of elements it has
/// and a test can withhold one element from `fixed` to show a scenario needs it (see
/// Relay/README.md, the ladder).
public enum RelayFixElement: String, CaseIterable, Sendable {
    /// Bug 1's fix: `fork()` makes its own sync state over the shared buffer (copying the
    /// cancelled flag), so an upstream drop no longer cancels the relay's fork.
    case forkOwnSyncState = "fork-own-sync-state"
    /// Bug 2's fix: readers wait on the buffer's data-available event, fired by every insert
    /// whichever handle pushed, instead of on their own handle's wakers.
    case bufferEvent = "buffer-event"
    /// Bug 3's fix: every pipe wait for the next fragment races a fresh
    /// `STREAM_INACTIVITY_TIMEOUT`, so a source that stops ends each relay with a diagnostic.
    case pipeInactivityTimeout = "pipe-inactivity-timeout"
}

extension RelayPolicy {
    /// The elements of the fix this step has.
    public var fixElements: Set<RelayFixElement> {
        switch self {
        case .sharedCancel: []
        case .ownSyncState: [.forkOwnSyncState]
        case .fixed: Set(RelayFixElement.allCases)
        }
    }
}
