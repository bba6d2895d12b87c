import Engine

/// What a finished run gives back: its report and its record.
public struct RunOutcome: Sendable {
    public var report: RunReport
    public let record: RecordFile
    /// For a replay: the first way it strayed from the recorded outside inputs, if it did.
    public let inputDivergence: String?
    /// The warnings of the last sample: the stalls still standing when the run ended, each with
    /// the instant it began (the report's warnings are every stall seen during the run).
    public let standingWarnings: [WarningRecord]
    /// Conservation laws the final snapshots broke (see `ResourceSnapshot.invariantViolation`),
    /// and for the explorer's runs the promises the engine broke once stopped
    /// (`ScenarioRunner.explore`); only the explorer's runs keep them instead of trapping.
    public internal(set) var invariantViolations: [InvariantViolation]

    public init(
        report: RunReport, record: RecordFile, inputDivergence: String? = nil, standingWarnings: [WarningRecord] = [],
        invariantViolations: [InvariantViolation] = []
    ) {
        self.report = report
        self.record = record
        self.inputDivergence = inputDivergence
        self.standingWarnings = standingWarnings
        self.invariantViolations = invariantViolations
    }
}
