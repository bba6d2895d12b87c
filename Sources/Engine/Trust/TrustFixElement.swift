/// One element of the trust store's fix, so a ladder step can be described as the set of
/// elements it has and a test can withhold one from `fixed` to show a scenario needs it (see
/// Trust/README.md, the ladder).
public enum TrustFixElement: String, CaseIterable, Sendable {
    /// Stop waits (bounded) for calls in flight, then makes a bounded final save, instead of
    /// closing the saver with whatever it had not written.
    case finalSave = "final-save"
}

extension TrustPolicy {
    /// The elements of the fix this step has. The other parts of `fixed` (snapshot off the
    /// lock, retry, leftovers, setting an unparseable file aside) are still chosen by the step
    /// as a whole, not listed here yet.
    public var fixElements: Set<TrustFixElement> {
        switch self {
        case .underLock, .readLockedWrite: []
        case .fixed: Set(TrustFixElement.allCases)
        }
    }
}
