/// What a finished run gives back: its report and its record.
public struct RunOutcome: Sendable {
    public var report: RunReport
    public let record: RecordFile
    /// For a replay: the first way it strayed from the recorded outside inputs, if it did.
    public let inputDivergence: String?

    public init(report: RunReport, record: RecordFile, inputDivergence: String? = nil) {
        self.report = report
        self.record = record
        self.inputDivergence = inputDivergence
    }
}
