/// One element of the accept path's fix, so a ladder step is described as the set of elements
/// it has and a test can withhold one element from `fixed` to show a scenario needs it (see
/// Accept/README.md, the ladder).
public enum AcceptFixElement: String, CaseIterable, Sendable {
    /// PR #82: the accept loop hands registration off and goes straight back to the handshake
    /// channel, instead of taking the map locks itself.
    case offLoopRegistration = "off-loop-registration"
    /// After the revert: registrations go over one bounded queue to a single consumer, one at a
    /// time, instead of a task spawned per connection (the herd).
    case serializedRegistration = "serialized-registration"
    /// After the revert: lost events go through that same queue, so a loss is applied after the
    /// registration it undoes, instead of by the lifecycle monitor whenever it gets to it.
    case lossAfterRegistration = "loss-after-registration"
}

extension AcceptPolicy {
    /// The elements of the fix this step has. `fixed`'s lock-free map is not one: it is the
    /// structure its single writer needs, and no scenario depends on it (see Accept/README.md).
    public var fixElements: Set<AcceptFixElement> {
        switch self {
        case .inline: []
        case .spawnPerConnection: [.offLoopRegistration]
        case .fixed: Set(AcceptFixElement.allCases)
        }
    }
}
