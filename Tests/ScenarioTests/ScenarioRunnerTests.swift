import Engine
import Runtime
import Scenarios
import Testing

@Suite struct ScenarioRunnerTests {
    static let stuck = Scenario(
        name: "toy-stuck", incident: .cold, summary: "a stuck holder blocks the worker",
        defaultDuration: .seconds(20), subsystems: [.cold],
        timeline: [
            .init(at: .seconds(5), .injectStuckReaders(count: 1)), .init(at: .seconds(15), .releaseStuckReaders),
        ],
        stallingSteps: ["semaphore"])

    static let runner = ScenarioRunner(build: "test") { context, request throws(UsageError) in
        Engine(context: context, subsystems: [ToySubsystem(context: context, policyStep: request.policy.step(.cold))])
    }

    @Test func appliesTheTimelineAndDetectsTheStallWithItsStart() throws {
        let outcome = try Self.runner.run(RunRequest(scenario: Self.stuck, seed: 3))
        #expect(outcome.report.verdict == .stall)
        let warning = try #require(outcome.report.warnings.first)
        #expect(warning.kind == StallKind("worker-blocked"))
        // The stuck holder took the permit at 5 s; the worker asked for it at 6 s.
        #expect(warning.at == 6)
        #expect(warning.cause.contains("stuck #1"))
        #expect(outcome.report.virtualSeconds == 20)
        // Timers due at an instant fire before the actions of that instant: the worker ran at
        // 1..5 s, got the permit when the holder was released at 15 s, then ran at 16..20 s.
        #expect(outcome.report.metrics["cold.completed"] == 11)
    }

    @Test func withoutTheFaultTheRunIsHealthy() throws {
        let quiet = Scenario(
            name: "toy-quiet", incident: .cold, summary: "no fault", defaultDuration: .seconds(20), subsystems: [.cold])
        let outcome = try Self.runner.run(RunRequest(scenario: quiet))
        #expect(outcome.report.verdict == .healthy && outcome.report.warnings.isEmpty)
        #expect(outcome.report.metrics["cold.completed"] == 20)
    }

    @Test func sameRequestSameReportAndTheRecordReplaysIt() throws {
        let request = RunRequest(scenario: Self.stuck, seed: 11, duration: .seconds(12))
        let first = try Self.runner.run(request)
        let second = try Self.runner.run(request)
        #expect(first.report.json() == second.report.json())

        let parsed = try RecordFile.parse(first.record.encoded(), path: "toy.jsonl", build: "test")
        let replay = try Self.runner.run(
            RunRequest(
                scenario: Self.stuck, seed: parsed.header.seed, duration: parsed.replayDuration, replay: parsed))
        #expect(replay.record.trailer == parsed.trailer)
        #expect(parsed.actions.count == 1, "the release at 15 s lies past the 12 s duration")
    }
}
