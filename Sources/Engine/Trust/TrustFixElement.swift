/// One element of the trust store's fix, so a ladder step can be described as the set of
/// elements it has and a test can withhold one from `fixed` to show a scenario needs it (see
/// Trust/README.md, the ladder).
public enum TrustFixElement: String, CaseIterable, Sendable {
    /// The saver snapshots the state under the read lock (microseconds) and writes with no lock
    /// held, instead of holding the read lock through the write and fsync as PR #8's did.
    case writeOffLock = "write-off-lock"
    /// Stop waits (bounded) for calls in flight, then makes a bounded final save, instead of
    /// closing the saver with whatever it had not written.
    case finalSave = "final-save"
}

extension TrustPolicy {
    /// The elements of the fix this step has. The other parts of `fixed` (retry, leftovers,
    /// setting an unparseable file aside, the directory fsync) are still chosen by the step as a
    /// whole: no scenario exercises them yet (their tests are unit tests).
    public var fixElements: Set<TrustFixElement> {
        switch self {
        case .underLock, .readLockedWrite: []
        case .fixed: Set(TrustFixElement.allCases)
        }
    }
}
