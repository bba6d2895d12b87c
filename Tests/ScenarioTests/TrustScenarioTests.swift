import Engine
import Runtime
import Scenarios
import Testing

/// The trust store's scenarios run headless through `EngineFactory`: each stalls under exactly
/// the ladder steps its catalog entry names, on several seeds.
@Suite struct TrustScenarioTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    @Test(arguments: ["trust-slow-disk", "trust-stop-loses-changes"])
    func stallsExactlyUnderTheNamedSteps(_ name: String) throws {
        let scenario = try ScenarioCatalog.named(name)
        for seed: UInt64 in [1, 7, 42] {
            for step in PolicyLadders.steps(.trust) {
                let policy = try PolicySelection.parse("trust=\(step)")
                let report = try Self.runner.run(RunRequest(scenario: scenario, policy: policy, seed: seed)).report
                #expect(report.verdict == scenario.expectedVerdict(policy), "\(name) \(step) seed \(seed): \(report.warnings.map(\.cause))")
            }
        }
    }

    @Test func theSlowDiskNamesTheFsyncUnderTheLock() throws {
        let scenario = try ScenarioCatalog.named("trust-slow-disk")
        let report = try Self.runner.run(RunRequest(scenario: scenario, policy: try .parse("trust=under-lock"))).report
        let warning = try #require(report.warnings.first { $0.kind == "trust-lock-held" })
        #expect(warning.cause.contains("fsync under lock"))
        #expect((report.metrics["trust.lockHoldP99Ms"] ?? 0) >= 400)
        let fixed = try Self.runner.run(RunRequest(scenario: scenario)).report
        #expect((fixed.metrics["trust.lockHoldP99Ms"] ?? 1) < 1)
        #expect((fixed.metrics["trust.handshakes"] ?? 0) > (report.metrics["trust.handshakes"] ?? 0) * 2)
        #expect((report.metrics["trust.handshakeP99Ms"] ?? 0) > 1_000 * (fixed.metrics["trust.handshakeP99Ms"] ?? 1))
    }

    @Test func stoppingLosesChangesOnlyWithoutAFinalSave() throws {
        let scenario = try ScenarioCatalog.named("trust-stop-loses-changes")
        let lossy = try Self.runner.run(RunRequest(scenario: scenario, policy: try .parse("trust=read-locked-write"))).report
        #expect((lossy.metrics["trust.changesLostAtStop"] ?? 0) > 0)
        #expect(lossy.warnings.contains { $0.kind == "trust-changes-lost" })
        let fixed = try Self.runner.run(RunRequest(scenario: scenario)).report
        #expect(fixed.metrics["trust.changesLostAtStop"] == 0)
    }

    @Test func trustKeysAreSettableAndUnknownOnesExplained() throws {
        let scenario = try ScenarioCatalog.named("trust-slow-disk")
        let request = RunRequest(scenario: scenario, duration: .seconds(2), overrides: [.init(key: "trust.joinRatePerSecond", value: "5")])
        #expect(try Self.runner.run(request).report.verdict == .healthy)
        #expect(throws: UsageError.self) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "trust.nope", value: "1")]))
        }
        #expect(throws: UsageError.self) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "trust.fsyncLatency", value: "fast")]))
        }
    }
}
