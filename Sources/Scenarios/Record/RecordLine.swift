import Engine

/// One line of a record file (JSON Lines). The header comes first and says everything needed to
/// rebuild the run; then every operator action and every outside input, in virtual-time order;
/// the trailer last, with the outcome the replay must reproduce.
public enum RecordLine: Sendable, Equatable, Codable {
    case header(RecordHeader)
    /// An operator action (a dashboard key or a timeline entry) at a virtual instant, in
    /// nanoseconds since start.
    case action(atNanoseconds: Int64, action: EngineAction)
    /// A value the run took from outside (a real fsync duration), so a replay needs no disk.
    case input(atNanoseconds: Int64, name: String, nanoseconds: Int64)
    case trailer(RecordTrailer)
}

public struct RecordHeader: Sendable, Equatable, Codable {
    /// Bumped whenever the meaning of a record changes.
    public static let currentFormat = 1

    public let format: Int
    /// The stallscope build that wrote the file: a replay with another build is refused, since
    /// the same inputs need not give the same run.
    public let build: String
    public let scenario: String
    public let policy: String
    public let seed: UInt64
    public let durationNanoseconds: Int64
    public let overrides: [ParameterOverride]

    public init(build: String, scenario: String, policy: String, seed: UInt64, duration: Duration, overrides: [ParameterOverride]) {
        self.format = Self.currentFormat
        self.build = build
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.durationNanoseconds = duration.nanoseconds
        self.overrides = overrides
    }

    public var duration: Duration { .nanoseconds(durationNanoseconds) }
}

public struct RecordTrailer: Sendable, Equatable, Codable {
    public let verdict: Verdict
    public let virtualNanoseconds: Int64
    /// A digest of the final engine snapshot: the replay must arrive at the same state.
    public let finalStateDigest: String

    public init(verdict: Verdict, virtualNanoseconds: Int64, finalStateDigest: String) {
        self.verdict = verdict
        self.virtualNanoseconds = virtualNanoseconds
        self.finalStateDigest = finalStateDigest
    }
}
