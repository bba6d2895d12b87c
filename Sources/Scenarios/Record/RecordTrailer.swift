/// The last line of a record: the outcome a replay must reproduce.
public struct RecordTrailer: Sendable, Equatable, Codable {
    public let verdict: Verdict
    public let virtualNanoseconds: Int64
    /// A digest of the final report (verdict, warnings, every subsystem's metrics): the replay
    /// must arrive at the same state.
    public let finalStateDigest: String

    public init(verdict: Verdict, virtualNanoseconds: Int64, finalStateDigest: String) {
        self.verdict = verdict
        self.virtualNanoseconds = virtualNanoseconds
        self.finalStateDigest = finalStateDigest
    }
}
