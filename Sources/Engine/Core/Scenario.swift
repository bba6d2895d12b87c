/// A named, seeded timeline that reproduces one incident behaviour (or none, for `steady`):
/// which subsystems run with which parameters, what the operator does when, and which steps of
/// the incident's policy ladder stall.
public struct Scenario: Sendable {
    public struct Step: Sendable {
        public let at: Duration
        public let action: EngineAction

        public init(at: Duration, _ action: EngineAction) {
            self.at = at
            self.action = action
        }

        public init<Action: SubsystemAction>(at: Duration, _ action: Action) {
            self.init(at: at, EngineAction(action))
        }
    }

    public let name: String
    /// The subsystem whose incident this reproduces; nil for `steady`.
    public let incident: SubsystemID?
    /// One line on what it shows.
    public let summary: String
    public let defaultDuration: Duration
    public let subsystems: [SubsystemID]
    /// Parameters the scenario sets before the command line's `--set`s.
    public let parameters: [ParameterOverride]
    public let timeline: [Step]
    /// Steps of the incident subsystem's ladder under which this scenario stalls.
    public let stallingSteps: Set<String>

    public init(
        name: String, incident: SubsystemID?, summary: String, defaultDuration: Duration,
        subsystems: [SubsystemID], parameters: [ParameterOverride] = [], timeline: [Step] = [],
        stallingSteps: Set<String> = []
    ) {
        precondition(zip(timeline, timeline.dropFirst()).allSatisfy { $0.at <= $1.at }, "a timeline runs forward")
        self.name = name
        self.incident = incident
        self.summary = summary
        self.defaultDuration = defaultDuration
        self.subsystems = subsystems
        self.parameters = parameters
        self.timeline = timeline
        self.stallingSteps = stallingSteps
    }
}
