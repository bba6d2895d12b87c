import Engine
import Scenarios
import Testing

/// The catalog's relay scenarios through the real factory and runner: each stalls under the
/// steps it names and stays healthy under the others, on several seeds.
@Suite struct RelayScenarioTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    @Test(arguments: ["relay-upstream-drop", "relay-lost-wakeup"], RelayPolicy.allCases)
    func verdictFollowsTheLadder(name: String, policy: RelayPolicy) throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == name })
        let selection = try PolicySelection.parse("relay=\(policy.rawValue)")
        for seed: UInt64 in [1, 2, 3] {
            let report = try Self.runner.run(RunRequest(scenario: scenario, policy: selection, seed: seed, duration: .seconds(30))).report
            #expect(report.verdict == scenario.expectedVerdict(selection), "seed \(seed)")
            #expect(report.metrics["relay.streamsDone"] == (policy == .fixed ? 1 : 0), "seed \(seed)")
        }
    }

    @Test func relayParametersAreCheckedByKeyAndValue() throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == "relay-upstream-drop" })
        #expect(throws: UsageError.self) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "relay.hops", value: "3")]))
        }
        #expect(throws: UsageError("'x' for relay.hopCount: expected a whole number in 1...100")) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "relay.hopCount", value: "x")]))
        }
        let short = try Self.runner.run(RunRequest(
            scenario: scenario, duration: .seconds(10), overrides: [.init(key: "relay.hopCount", value: "4")])).report
        #expect(short.verdict == .healthy)
        #expect(short.metrics["relay.bytesDelivered"] == 253_000)
    }
}
