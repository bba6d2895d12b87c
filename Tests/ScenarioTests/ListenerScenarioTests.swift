import Engine
import Runtime
import Scenarios
import Testing

/// The listener's catalog scenarios through the real runner and factory: each step of the
/// ladder concludes what the incident says, in both directions.
@Suite struct ListenerScenarioTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    static let cases: [(scenario: String, step: ListenerPolicy)] = ["listener-wedged-slot", "listener-nat-full"]
        .flatMap { name in ListenerPolicy.allCases.map { (name, $0) } }

    @Test(arguments: cases.indices)
    func eachStepConcludesWhatTheIncidentSays(caseIndex: Int) throws {
        let (name, step) = Self.cases[caseIndex]
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == name })
        let policy = try PolicySelection.parse("listener=\(step.rawValue)")
        let outcome = try Self.runner.run(
            RunRequest(scenario: scenario, policy: policy, seed: 5, duration: .seconds(30)))
        #expect(outcome.report.verdict == scenario.expectedVerdict(policy), "\(name) under \(step.rawValue)")
        if outcome.report.verdict == .stall {
            let kinds = Set(outcome.report.warnings.map(\.kind))
            #expect(kinds.contains(name == "listener-wedged-slot" ? .listenerSpinning : .listenerBlocked))
        }
        #expect((outcome.report.metrics["listener.packetsForwarded"] ?? 0) > 0)
    }

    @Test func listenerSettingsAreSetByKeyAndBadOnesAreUsageErrors() throws {
        let scenario = try #require(ScenarioCatalog.all.first { $0.name == "listener-nat-full" })
        let outcome = try Self.runner.run(
            RunRequest(
                scenario: scenario, seed: 1, duration: .seconds(5),
                overrides: [ParameterOverride(key: "listener.peerCount", value: "10")]))
        #expect(outcome.report.verdict == .healthy)
        #expect(throws: UsageError.self) {
            try Self.runner.run(
                RunRequest(
                    scenario: scenario, duration: .seconds(5),
                    overrides: [ParameterOverride(key: "listener.peerCount", value: "none")]))
        }
    }
}

/// Every element of the listener's `fixed` is needed by at least one listener scenario:
/// withheld, one stalls on every seed.
@Suite struct ListenerFixElementTests {
    static func runner(withholding elements: Set<ListenerFixElement>) -> ScenarioRunner {
        WithholdingRunner.make { context, request in
            ListenerSubsystem(
                context: context, policy: .fixed, config: WithholdingRunner.config(ListenerConfig.default, request),
                withholding: elements)
        }
    }

    @Test(arguments: ListenerFixElement.allCases)
    func everyFixElementIsNeededByAScenario(element: ListenerFixElement) throws {
        let stalled = try WithholdingRunner.stalled(Self.runner(withholding: [element]), .listener)
        #expect(!stalled.isEmpty, "no listener scenario stalls without \(element.rawValue)")
    }

    @Test func eachStepIsTheSetOfElementsItHas() {
        #expect(ListenerPolicy.spinChannel.fixElements.isEmpty)
        #expect(ListenerPolicy.awaitNat.fixElements == [.nonSpinningChannels])
        #expect(ListenerPolicy.fixed.fixElements == Set(ListenerFixElement.allCases))
    }
}
