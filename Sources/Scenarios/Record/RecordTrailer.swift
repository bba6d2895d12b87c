import Engine

/// The last line of a record: the outcome a replay must reproduce.
public struct RecordTrailer: Sendable, Equatable, Codable {
    public let verdict: Verdict
    /// The instant the run ended, exact: a dashboard session resumed after a single step
    /// (`.`) runs on from a timer's instant, with its fraction of a nanosecond, and a replay
    /// that stopped short of it would see every holder's age differ.
    public let virtualTime: RecordInstant
    /// A digest of the final report (verdict, warnings, every subsystem's metrics): the replay
    /// must arrive at the same state.
    public let finalStateDigest: String

    public init(verdict: Verdict, virtualTime: RecordInstant, finalStateDigest: String) {
        self.verdict = verdict
        self.virtualTime = virtualTime
        self.finalStateDigest = finalStateDigest
    }
}
