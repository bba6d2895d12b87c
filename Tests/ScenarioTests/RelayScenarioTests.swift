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
            let report = try Self.runner.run(
                RunRequest(scenario: scenario, policy: selection, seed: seed, duration: .seconds(30))
            ).report
            #expect(report.verdict == scenario.expectedVerdict(selection), "seed \(seed)")
            #expect(report.metrics["relay.streamsDone"] == (report.verdict == .healthy ? 1 : 0), "seed \(seed)")
        }
    }

    /// Bug 3 of the seed: with the source stopped mid-stream, `shared-cancel`'s pipes wait for
    /// good and `fixed` ends the stream within the inactivity timeout; withholding only the
    /// pipe's timeout from `fixed` brings the stall back, so the scenario needs that element.
    @Test func aStoppedSourceHangsEveryPipeWithoutTheInactivityTimeout() throws {
        let scenario = try ScenarioCatalog.named("relay-source-stops")
        let legacy = try Self.runner.run(
            RunRequest(scenario: scenario, policy: try PolicySelection.parse("relay=shared-cancel"))
        ).report
        #expect(legacy.verdict == .stall)
        #expect(legacy.warnings.map(\.kind) == [.relaySourceStopped])
        #expect(legacy.warnings.first?.cause.contains("no inactivity timeout") == true)
        // The receiver's own 30 s timeout fails the PUT; the pipes behind it never give up.
        #expect(legacy.metrics["relay.streamsFailed"] == 1 && legacy.metrics["relay.streamsDone"] == 0)

        let fixed = try Self.runner.run(RunRequest(scenario: scenario)).report
        #expect(fixed.verdict == .healthy, "\(fixed.warnings.map(\.cause))")
        #expect(fixed.metrics["relay.streamsFailed"] == 1)

        let withoutTimeout = ScenarioRunner(build: "test") { context, _ in
            Engine(
                context: context,
                subsystems: [
                    RelaySubsystem(context: context, policy: .fixed, withholding: [.pipeInactivityTimeout])
                ])
        }
        let ablated = try withoutTimeout.run(RunRequest(scenario: scenario)).report
        #expect(ablated.verdict == .stall)
        #expect(
            ablated.warnings.first?.cause.contains("hops 1-9 wait for the next fragment with no inactivity timeout")
                == true)
    }

    /// Every element of `fixed` is needed by at least one scenario of the catalog.
    @Test(arguments: RelayFixElement.allCases)
    func everyFixElementIsNeededByAScenario(element: RelayFixElement) throws {
        let runner = ScenarioRunner(build: "test") { context, _ in
            Engine(
                context: context, subsystems: [RelaySubsystem(context: context, policy: .fixed, withholding: [element])]
            )
        }
        let stalled = try ScenarioCatalog.all.filter { $0.incident == .relay }.filter { scenario in
            try runner.run(RunRequest(scenario: scenario)).report.verdict == .stall
        }
        #expect(!stalled.isEmpty, "no relay scenario stalls without \(element.rawValue)")
    }

    @Test func relayParametersAreCheckedByKeyAndValue() throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == "relay-upstream-drop" })
        #expect(throws: UsageError.self) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "relay.hops", value: "3")]))
        }
        #expect(throws: UsageError("'x' for relay.hopCount: expected a whole number in 1...100")) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "relay.hopCount", value: "x")]))
        }
        let short = try Self.runner.run(
            RunRequest(
                scenario: scenario, duration: .seconds(10), overrides: [.init(key: "relay.hopCount", value: "4")])
        ).report
        #expect(short.verdict == .healthy)
        #expect(short.metrics["relay.bytesDelivered"] == 253_000)
    }
}
