import Engine

/// The first line of a record: everything that rebuilds the run.
public struct RecordHeader: Sendable, Equatable, Codable {
    /// Bumped whenever the meaning of a record changes. 2: operator actions, outside inputs,
    /// dashboard sessions. 3: the trailer's final instant exact to the attosecond. 4: actions
    /// stored as their subsystem's own vocabulary; the state directory named as such.
    public static let currentFormat = 4

    /// What wrote the record.
    public enum Origin: String, Sendable, Equatable, Codable {
        /// `stallscope run --record`: a fixed duration.
        case run
        /// A dashboard session: it lasted until the operator quit or restarted.
        case dashboard
        /// `stallscope explore`'s reproduction of a finding: a fixed duration, then the engine
        /// stopped and its promises checked (`ScenarioRunner.explore`), which a replay repeats.
        case explore
    }

    public let format: Int
    /// The stallscope build that wrote the file: a replay with another build is refused, since
    /// the same inputs need not give the same run.
    public let build: String
    public let origin: Origin
    public let scenario: String
    public let policy: String
    public let seed: UInt64
    /// The virtual time a `run` was asked for; nil for a dashboard session, whose length the
    /// trailer (or, if it was killed, its last line) tells.
    public let durationNanoseconds: Int64?
    public let overrides: [ParameterOverride]
    /// Where the subsystems kept their real files (a dashboard session); the replay takes the
    /// disk's answers from the record and never touches it.
    public let stateDirectory: String?

    public init(
        build: String, origin: Origin, scenario: String, policy: String, seed: UInt64, duration: Duration?,
        overrides: [ParameterOverride], stateDirectory: String?
    ) {
        self.format = Self.currentFormat
        self.build = build
        self.origin = origin
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.durationNanoseconds = duration?.nanoseconds
        self.overrides = overrides
        self.stateDirectory = stateDirectory
    }

    public var duration: Duration? { durationNanoseconds.map { .nanoseconds($0) } }
}
