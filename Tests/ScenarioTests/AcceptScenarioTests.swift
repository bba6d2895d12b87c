import Engine
import Runtime
import Scenarios
import Testing

/// The accept-loop scenarios stall exactly under the steps their catalog entries name.
@Suite struct AcceptScenarioTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    @Test(arguments: ["accept-flood", "accept-stale-entry"], AcceptPolicy.allCases)
    func verdictMatchesTheCatalog(name: String, policy: AcceptPolicy) throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == name })
        var selection = PolicySelection.fixed
        try selection.set(.accept, policy.rawValue)
        let outcome = try Self.runner.run(RunRequest(scenario: scenario, policy: selection, seed: 7))
        #expect(outcome.report.verdict == scenario.expectedVerdict(selection))
        if name == "accept-stale-entry" {
            let stale = outcome.report.metrics["accept.staleEntries"] ?? -1
            #expect(policy == .fixed ? stale == 0 : stale > 0)
        }
    }

    @Test(arguments: ["fixed", "legacy"])
    func steadyIsHealthy(policy: String) throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == "steady" })
        let outcome = try Self.runner.run(
            RunRequest(scenario: scenario, policy: try PolicySelection.parse(policy), seed: 7))
        #expect(outcome.report.verdict == .healthy)
        #expect((outcome.report.metrics["accept.accepted"] ?? 0) > 0)
    }

    @Test func unknownAcceptParameterIsAUsageError() throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == "accept-flood" })
        let request = RunRequest(scenario: scenario, overrides: [ParameterOverride(key: "accept.nope", value: "1")])
        #expect(throws: UsageError.self) { try Self.runner.run(request) }
        let bad = RunRequest(
            scenario: scenario, overrides: [ParameterOverride(key: "accept.connectTimeout", value: "soon")])
        #expect(throws: UsageError.self) { try Self.runner.run(bad) }
    }
}
