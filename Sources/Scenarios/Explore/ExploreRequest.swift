import Engine

/// What `stallscope explore` searches: a policy, a base scenario's load, and how many runs.
public struct ExploreRequest: Sendable {
    /// When the search stops: after so many runs, or after so much wall time (which the caller
    /// measures: the explorer never reads the wall clock, so its runs stay deterministic).
    public enum Budget: Sendable {
        case runs(Int)
        case wallTime(Duration)
    }

    /// The most fault actions drawn for one run; findings shrink from there.
    public static let maxFaultsPerRun = 4
    /// Virtual time of each run.
    public static let defaultRunDuration: Duration = .seconds(60)
    /// Faults are drawn in the first third of a run, and a stall counts when it still stands at
    /// the end having stood for at least a third (`FindingKind.all`): time for a recovering design
    /// to recover.
    static let faultShare = 1.0 / 3

    public let policy: PolicySelection
    public let base: Scenario
    public let overrides: [ParameterOverride]
    public let budget: Budget
    /// Runs carried out at once, each on its own thread and its own deterministic runtime.
    public let jobs: Int
    /// The explorer's own seed: the same seed draws the same runs.
    public let seed: UInt64
    public let runDuration: Duration

    public init(
        policy: PolicySelection, base: Scenario, overrides: [ParameterOverride] = [], budget: Budget, jobs: Int,
        seed: UInt64, runDuration: Duration = defaultRunDuration
    ) {
        precondition(jobs >= 1, "at least one job")
        self.policy = policy
        self.base = base
        self.overrides = overrides
        self.budget = budget
        self.jobs = jobs
        self.seed = seed
        self.runDuration = runDuration
    }

    /// The window faults are drawn in, and how long a stall must have stood at the end.
    var faultWindow: Duration { runDuration * Self.faultShare }
    var standing: Duration { runDuration * Self.faultShare }

    /// The request that runs `run` over the base scenario, as `stallscope run` would.
    func runRequest(_ run: ExploreRun) -> RunRequest {
        let scenario = Scenario(
            name: base.name, incident: base.incident, summary: base.summary, defaultDuration: runDuration,
            subsystems: base.subsystems, parameters: base.parameters,
            timeline: (base.timeline + run.faults).sorted { $0.at < $1.at }, stallingSteps: base.stallingSteps)
        return RunRequest(
            scenario: scenario, policy: policy, seed: run.seed, duration: runDuration, overrides: overrides)
    }
}
