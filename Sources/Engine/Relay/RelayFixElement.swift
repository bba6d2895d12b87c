/// One element of PR #3568's fix, so a ladder step can be described as the set of elements it
/// has and a test can withhold one element from `fixed` to show a scenario needs it (see
/// Relay/README.md, the ladder).
public enum RelayFixElement: String, CaseIterable, Sendable {
    /// Bug 3's fix: every pipe wait for the next fragment races a fresh
    /// `STREAM_INACTIVITY_TIMEOUT`, so a source that stops ends each relay with a diagnostic.
    case pipeInactivityTimeout = "pipe-inactivity-timeout"
}

extension RelayPolicy {
    /// The elements of the fix this step has. The fork's own sync state and the buffer's event
    /// are still chosen by the step as a whole (`StreamHandle`), not listed here yet.
    public var fixElements: Set<RelayFixElement> {
        switch self {
        case .sharedCancel: []
        case .fixed: Set(RelayFixElement.allCases)
        }
    }
}
