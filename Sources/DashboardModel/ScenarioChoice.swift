/// A scenario the dashboard's picker offers (`p`), as `stallscope scenarios` lists it, with the
/// policies it can be run under from the picker.
public struct ScenarioChoice: Equatable, Hashable, Sendable {
    public var name: String
    /// The incident it reproduces; nil for one that runs everything (`steady`).
    public var incident: String?
    public var summary: String
    /// `fixed`, `legacy`, then each step of the incident's subsystem ladder as `--policy` takes it
    /// (`cold=semaphore`).
    public var policies: [String]

    public init(name: String, incident: String?, summary: String, policies: [String]) {
        self.name = name
        self.incident = incident
        self.summary = summary
        self.policies = policies
    }

    /// What the picker cycles through for this scenario: the policy running now first (the
    /// default), then the scenario's own.
    public func policyOptions(current: String) -> [String] {
        [current] + policies.filter { $0 != current }
    }
}
