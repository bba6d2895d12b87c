/// What applying a `TrustMutation` did.
public enum TrustMutationOutcome: Sendable, Equatable {
    /// The state changed: it must be persisted.
    case changed
    /// Nothing to do (already in that state): no write.
    case unchanged
    /// Refused by a rule of the state; nothing changed.
    case refused(TrustRefusal)

    public var isChange: Bool { self == .changed }
}
