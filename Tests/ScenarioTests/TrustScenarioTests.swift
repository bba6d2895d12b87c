import Engine
import Runtime
import Scenarios
import Testing

/// The trust store's scenarios run headless through `EngineFactory`: each stalls under exactly
/// the ladder steps its catalog entry names, for the reason the incident gives.
@Suite struct TrustScenarioTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    /// One report per ladder step, on the CLI's default seed.
    static func reports(_ name: String, seed: UInt64 = 7) throws -> [String: RunReport] {
        let scenario = try ScenarioCatalog.named(name)
        var reports: [String: RunReport] = [:]
        for step in PolicyLadders.steps(.trust) {
            let policy = try PolicySelection.parse("trust=\(step)")
            let report = try runner.run(RunRequest(scenario: scenario, policy: policy, seed: seed)).report
            #expect(
                report.verdict == scenario.expectedVerdict(policy), "\(name) \(step): \(report.warnings.map(\.cause))")
            reports[step] = report
        }
        return reports
    }

    @Test func theSlowDiskStallsBothOlderStepsOnTheLock() throws {
        let reports = try Self.reports("trust-slow-disk")
        let underLock = try #require(reports["under-lock"])
        let readLocked = try #require(reports["read-locked-write"])
        let fixed = try #require(reports["fixed"])
        #expect(underLock.warnings.contains { $0.kind == .trustLockHeld && $0.cause.contains("fsync under lock") })
        #expect(
            readLocked.warnings.contains { $0.kind == .trustLockHeld && $0.cause.contains("writers wait for the disk") }
        )
        #expect((underLock.metrics["trust.lockHoldP99Ms"] ?? 0) >= 200, "one fsync of the 200 ms disk under the lock")
        #expect((fixed.metrics["trust.lockHoldP99Ms"] ?? 1) < 1)
        #expect((underLock.metrics["trust.handshakeP99Ms"] ?? 0) > 1_000)
        #expect(
            (underLock.metrics["trust.handshakesDropped"] ?? 0) > (fixed.metrics["trust.handshakesDropped"] ?? 0) + 100,
            "fixed drops only the part of the 200-peer flood beyond the concurrency limit")
    }

    @Test func stoppingLosesChangesOnlyWithoutAFinalSave() throws {
        let reports = try Self.reports("trust-stop-loses-changes")
        let lossy = try #require(reports["read-locked-write"])
        #expect((lossy.metrics["trust.changesLostAtStop"] ?? 0) > 0)
        #expect(lossy.warnings.contains { $0.kind == .trustChangesLost && $0.cause.contains("without a final save") })
        // under-lock loses nothing, but the flood's handshakes queue behind each fsync under the
        // lock: the incident itself, a stall by what the handshakes went through.
        let underLock = try #require(reports["under-lock"])
        #expect(underLock.metrics["trust.changesLostAtStop"] == 0)
        #expect(underLock.warnings.map(\.kind) == [.trustLockHeld], "\(underLock.warnings.map(\.cause))")
        #expect(underLock.warnings.first?.cause.contains("queued behind the disk") == true)
        #expect(reports["fixed"]?.metrics["trust.changesLostAtStop"] == 0)
    }

    @Test func trustKeysAreSettableAndUnknownOnesExplained() throws {
        let scenario = try ScenarioCatalog.named("trust-slow-disk")
        let request = RunRequest(
            scenario: scenario, duration: .seconds(2), overrides: [.init(key: "trust.joinRatePerSecond", value: "5")])
        #expect(try Self.runner.run(request).report.verdict == .healthy)
        #expect(throws: UsageError.self) {
            try Self.runner.run(RunRequest(scenario: scenario, overrides: [.init(key: "trust.nope", value: "1")]))
        }
        #expect(throws: UsageError.self) {
            try Self.runner.run(
                RunRequest(scenario: scenario, overrides: [.init(key: "trust.fsyncLatency", value: "fast")]))
        }
    }
}

/// Every element of `fixed` is needed by at least one trust scenario: withheld, one stalls.
@Suite struct TrustFixElementTests {
    static func runner(withholding element: TrustFixElement) -> ScenarioRunner {
        ScenarioRunner(build: "test") { context, _ in
            Engine(
                context: context, subsystems: [TrustSubsystem(context: context, policy: .fixed, withholding: [element])]
            )
        }
    }

    @Test(arguments: TrustFixElement.allCases)
    func everyFixElementIsNeededByAScenario(element: TrustFixElement) throws {
        let runner = Self.runner(withholding: element)
        let stalled = try ScenarioCatalog.all.filter { $0.incident == .trust }.filter { scenario in
            try [1, 2, 7].allSatisfy { seed in
                try runner.run(RunRequest(scenario: scenario, seed: seed)).report.verdict == .stall
            }
        }
        #expect(!stalled.isEmpty, "no trust scenario stalls without \(element.rawValue)")
    }

    @Test func withoutTheFinalSaveStoppingLosesChanges() throws {
        let report = try Self.runner(withholding: .finalSave).run(
            RunRequest(scenario: try ScenarioCatalog.named("trust-stop-loses-changes"))
        ).report
        #expect((report.metrics["trust.changesLostAtStop"] ?? 0) > 0, "\(report.metrics)")
        #expect(report.warnings.contains { $0.kind == .trustChangesLost })
    }
}
