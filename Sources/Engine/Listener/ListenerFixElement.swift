/// One element of the listener's fix, so a ladder step is described as the set of elements it
/// has and a test can withhold one element from `fixed` to show a scenario needs it (see
/// Listener/README.md, the ladder).
public enum ListenerFixElement: String, CaseIterable, Sendable {
    /// PR #3960: every channel is a standard bounded channel whose `trySend` answers full or
    /// closed at once, instead of the reserve-then-commit ring whose waiters spin without bound.
    case nonSpinningChannels = "non-spinning-channels"
    /// The follow-up PR #3962: the NAT-traversal forward is a try-send with an explicit outcome
    /// (full drops the packet), instead of a send the listener loop awaits.
    case nonBlockingNatForward = "non-blocking-nat-forward"
}

extension ListenerPolicy {
    /// The elements of the fix this step has.
    public var fixElements: Set<ListenerFixElement> {
        switch self {
        case .spinChannel: []
        case .awaitNat: [.nonSpinningChannels]
        case .fixed: Set(ListenerFixElement.allCases)
        }
    }
}
