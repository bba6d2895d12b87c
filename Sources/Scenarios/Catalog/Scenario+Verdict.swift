import Engine

extension Scenario {
    /// What the incident says a run under `policy` concludes.
    public func expectedVerdict(_ policy: PolicySelection) -> Verdict {
        guard let incident else { return .healthy }
        return stallingSteps.contains(policy.step(incident)) ? .stall : .healthy
    }
}
