/// The stream relay's fix ladder (see Relay/README.md, the ladder), oldest first.
public enum RelayPolicy: String, CaseIterable, Sendable, Codable {
    /// The original: `fork` is a clone that shares the per-handle sync state, so an upstream
    /// connection drop cancels the relay's fork too; readers park on per-handle wakers, which a
    /// push through any other handle never wakes; the pipe waits for the next fragment forever.
    case sharedCancel = "shared-cancel"
    /// Bug 1's fix alone, the state the PR passed through: `fork` gets its own sync state, but
    /// readers still park on their own handle's wakers, which pushes through the connection's
    /// handle (another sync state now) never fire: the lost wakeup of bug 2.
    case ownSyncState = "own-sync-state"
    /// PR #3568: `fork` gets its own sync state (copying the cancelled flag) over the shared
    /// buffer; readers wait on the buffer's data-available event, registering the listener before
    /// re-checking the buffer; the pipe races every fragment against the inactivity timeout.
    case fixed
}
