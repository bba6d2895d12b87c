/// What a finished run gives back: its report and its record.
public struct RunOutcome: Sendable {
    public var report: RunReport
    public let record: RecordFile
    /// For a replay: the first way it strayed from the recorded outside inputs, if it did.
    public let inputDivergence: String?
    /// Conservation laws the final snapshots broke (see `ResourceSnapshot.invariantViolation`);
    /// only the explorer's runs keep them instead of trapping.
    public let invariantViolations: [String]

    public init(
        report: RunReport, record: RecordFile, inputDivergence: String? = nil, invariantViolations: [String] = []
    ) {
        self.report = report
        self.record = record
        self.inputDivergence = inputDivergence
        self.invariantViolations = invariantViolations
    }
}
