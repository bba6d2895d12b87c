import Backpressure

extension WarningLine {
    /// Where a generic finding is shown: its own column value, so it reads apart from the
    /// subsystems' warnings.
    public static let genericSource = "generic"

    /// A generic detector's finding, observed at `now` (time since the run's or the service's
    /// start), as the events panel shows it: since when the condition has lasted, and its line.
    public init(_ finding: StallFinding, at now: Duration) {
        self.init(
            kind: finding.kind, source: Self.genericSource, sourceTitle: "generic detectors (primitive snapshots)",
            since: max(.zero, now - finding.lasted), cause: finding.description, isGeneric: true)
    }
}
