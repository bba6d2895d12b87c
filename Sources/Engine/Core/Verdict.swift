/// What a run concluded.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// A stall detector fired: something waited on a blocker that never (or too late) let go.
    case stall
    case healthy
}
