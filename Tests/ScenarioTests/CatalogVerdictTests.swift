import Engine
import Scenarios
import Testing

/// Every scenario of the catalog, under every step of its incident's ladder, on two seeds: the
/// verdict is the one the incident gives (the stall where it stalled, the fix holding), through
/// the same factory and runner as `stallscope run`.
@Suite struct CatalogVerdictTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)
    static let seeds: [UInt64] = [1, 2]

    /// (scenario, step of its incident ladder) for every incident scenario.
    static let cases: [String] = ScenarioCatalog.all.flatMap { scenario in
        scenario.incident.map { incident in PolicyLadders.steps(incident).map { "\(scenario.name) \($0)" } } ?? []
    }

    @Test(arguments: cases)
    func verdictIsTheIncidents(entry: String) throws {
        let parts = entry.split(separator: " ").map(String.init)
        let scenario = try ScenarioCatalog.named(parts[0])
        let incident = try #require(scenario.incident)
        var policy = PolicySelection.fixed
        try policy.set(incident, parts[1])
        for seed in Self.seeds {
            let report = try Self.runner.run(RunRequest(scenario: scenario, policy: policy, seed: seed)).report
            #expect(
                report.verdict == scenario.expectedVerdict(policy),
                "\(entry) seed \(seed): \(report.warnings.map(\.cause))")
            if report.verdict == .stall {
                #expect(report.warnings.allSatisfy { $0.subsystem == incident.rawValue && !$0.cause.isEmpty })
            }
        }
    }

    @Test func steadyIsHealthyUnderTheFixedPolicies() throws {
        let report = try Self.runner.run(RunRequest(scenario: try ScenarioCatalog.named("steady"), seed: 3)).report
        #expect(report.verdict == .healthy, "\(report.warnings.map(\.cause))")
        for subsystem in SubsystemID.allCases {
            #expect(
                report.metrics.keys.contains { $0.hasPrefix("\(subsystem.rawValue).") },
                "\(subsystem) reported no metrics")
        }
    }

    @Test(arguments: ScenarioCatalog.all.map(\.name))
    func sameRequestGivesByteIdenticalJSON(name: String) throws {
        let scenario = try ScenarioCatalog.named(name)
        let policy = scenario.incident.map { PolicySelection.fixed.cycled($0) } ?? .fixed
        let request = RunRequest(scenario: scenario, policy: policy, seed: 9, duration: .seconds(30))
        #expect(try Self.runner.run(request).report.json() == Self.runner.run(request).report.json())
    }

    @Test func aRecordedRunReplaysToTheSameVerdictAndState() throws {
        let scenario = try ScenarioCatalog.named("cold-stuck-reader")
        let policy = try PolicySelection.parse("cold=semaphore")
        let recorded = try Self.runner.run(
            RunRequest(scenario: scenario, policy: policy, seed: 4, duration: .seconds(60))
        ).record
        let file = try RecordFile.parse(recorded.encoded(), path: "run.jsonl", build: "test")
        let replayed = try Self.runner.run(RunRequest(replaying: file)).record
        #expect(replayed.trailer == file.trailer)
        #expect(file.trailer?.verdict == .stall)
    }
}
