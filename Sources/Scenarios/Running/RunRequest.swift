/// Everything that determines a run: with the same request and the same build, the same report.
public struct RunRequest: Sendable {
    public let scenario: Scenario
    public let policy: PolicySelection
    public let seed: UInt64
    public let duration: Duration
    public let overrides: [ParameterOverride]
    /// A record whose actions (instead of the scenario's timeline) and outside inputs (instead of
    /// the real disk) the run replays.
    public let replay: RecordFile?
    /// Where the trust store keeps its file on the real disk (the dashboard); nil for the
    /// simulated disk, which headless runs and tests use so that they touch no real files.
    public let trustDirectory: String?

    public init(
        scenario: Scenario, policy: PolicySelection = .fixed, seed: UInt64 = 7, duration: Duration? = nil,
        overrides: [ParameterOverride] = [], replay: RecordFile? = nil, trustDirectory: String? = nil
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.duration = duration ?? scenario.defaultDuration
        self.overrides = overrides
        self.replay = replay
        self.trustDirectory = trustDirectory
    }

    /// Everything `record` needs to be replayed: its scenario, policy, seed, parameters, trust
    /// directory, actions and inputs, for as long as it ran.
    public init(replaying record: RecordFile) throws(UsageError) {
        let header = record.header
        self.init(
            scenario: try ScenarioCatalog.named(header.scenario), policy: try PolicySelection.parse(header.policy),
            seed: header.seed, duration: record.replayDuration, overrides: header.overrides, replay: record,
            trustDirectory: header.trustDirectory)
    }

    /// Scenario parameters first, then the command line's, so the command line wins.
    public var parameters: [ParameterOverride] { scenario.parameters + overrides }
}
