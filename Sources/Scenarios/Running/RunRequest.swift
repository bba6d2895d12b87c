/// Everything that determines a run: with the same request and the same build, the same report.
public struct RunRequest: Sendable {
    public let scenario: Scenario
    public let policy: PolicySelection
    public let seed: UInt64
    public let duration: Duration
    public let overrides: [ParameterOverride]
    /// Actions to apply instead of the scenario's timeline (a replay).
    public let replayedActions: [Scenario.Step]?
    /// Where the trust store keeps its file on the real disk (the dashboard); nil for the
    /// simulated disk, which headless runs and tests use so that they touch no real files.
    public let trustDirectory: String?

    public init(
        scenario: Scenario, policy: PolicySelection = .fixed, seed: UInt64 = 7, duration: Duration? = nil,
        overrides: [ParameterOverride] = [], replayedActions: [Scenario.Step]? = nil, trustDirectory: String? = nil
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.duration = duration ?? scenario.defaultDuration
        self.overrides = overrides
        self.replayedActions = replayedActions
        self.trustDirectory = trustDirectory
    }

    public var actions: [Scenario.Step] { replayedActions ?? scenario.timeline }
    /// Scenario parameters first, then the command line's, so the command line wins.
    public var parameters: [ParameterOverride] { scenario.parameters + overrides }
}
