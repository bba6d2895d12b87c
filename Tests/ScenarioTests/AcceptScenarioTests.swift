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

/// Every element of the accept path's `fixed` is needed by at least one accept scenario:
/// withheld, one stalls on every seed.
@Suite struct AcceptFixElementTests {
    static func runner(withholding elements: Set<AcceptFixElement>) -> ScenarioRunner {
        WithholdingRunner.make { context, request in
            AcceptSubsystem(
                context: context, policy: .fixed, config: WithholdingRunner.config(AcceptConfig.default, request),
                withholding: elements)
        }
    }

    @Test(arguments: AcceptFixElement.allCases)
    func everyFixElementIsNeededByAScenario(element: AcceptFixElement) throws {
        let stalled = try WithholdingRunner.stalled(Self.runner(withholding: [element]), .accept)
        #expect(!stalled.isEmpty, "no accept scenario stalls without \(element.rawValue)")
    }

    @Test func eachStepIsTheSetOfElementsItHas() {
        #expect(AcceptPolicy.inline.fixElements.isEmpty)
        #expect(AcceptPolicy.spawnPerConnection.fixElements == [.offLoopRegistration])
        #expect(AcceptPolicy.fixed.fixElements == Set(AcceptFixElement.allCases))
    }

    /// The herd alone, with no lock held by anyone but the other tasks: PR #82's registrations
    /// queue on the contended locks, connections lost right after identity exchange are handled
    /// first, and the late registrations leave entries nothing removes. `fixed` orders each loss
    /// after its registration.
    @Test(arguments: [AcceptPolicy.spawnPerConnection, .fixed], [UInt64(1), 2, 7])
    func theHerdRegistersLostConnections(policy: AcceptPolicy, seed: UInt64) throws {
        let scenario = try ScenarioCatalog.named("accept-spawn-herd")
        let selection = try PolicySelection.parse("accept=\(policy.rawValue)")
        let report = try AcceptScenarioTests.runner.run(RunRequest(scenario: scenario, policy: selection, seed: seed))
            .report
        #expect(report.verdict == scenario.expectedVerdict(selection))
        let stale = report.metrics["accept.staleEntries"] ?? -1
        #expect(policy == .fixed ? stale == 0 : stale > 0, "\(report.warnings.map(\.cause))")
        if policy == .spawnPerConnection {
            // The loop kept up: no handshake stall and every identity exchange on time.
            #expect(report.warnings.map(\.kind) == [.staleEntries], "\(report.warnings.map(\.cause))")
            #expect(report.metrics["accept.identityTimedOut"] == 0)
        }
    }
}
