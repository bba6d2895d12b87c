/// A value a run took from outside its deterministic runtime: what a replay must be handed back,
/// since the outside (a real disk) will not answer the same way twice.
public enum OutsideInput: Sendable, Equatable, Codable {
    /// What one trust-file operation on a real directory returned, and how long it took.
    case trustDisk(TrustDiskOutcome)
}
