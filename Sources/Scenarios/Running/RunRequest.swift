import Engine

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
    /// Where subsystems keep their files on the real disk (the dashboard: the trust store's
    /// file); nil for the simulated disk, which headless runs and tests use so that they touch
    /// no real files.
    public let stateDirectory: String?

    public init(
        scenario: Scenario, policy: PolicySelection = .fixed, seed: UInt64 = 7, duration: Duration? = nil,
        overrides: [ParameterOverride] = [], replay: RecordFile? = nil, stateDirectory: String? = nil
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.duration = duration ?? scenario.defaultDuration
        self.overrides = overrides
        self.replay = replay
        self.stateDirectory = stateDirectory
    }

    /// Everything `record` needs to be replayed: its scenario, policy, seed, parameters, state
    /// directory, actions and inputs, for as long as it ran.
    public init(replaying record: RecordFile) throws(UsageError) {
        let header = record.header
        self.init(
            scenario: try ScenarioCatalog.named(header.scenario), policy: try PolicySelection.parse(header.policy),
            seed: header.seed, duration: record.replayDuration, overrides: header.overrides, replay: record,
            stateDirectory: header.stateDirectory)
    }

    /// What every subsystem of the run is built with.
    public var environment: SubsystemEnvironment { SubsystemEnvironment(stateDirectory: stateDirectory) }

    /// Scenario parameters first, then the command line's, so the command line wins.
    public var parameters: [ParameterOverride] { scenario.parameters + overrides }
}
