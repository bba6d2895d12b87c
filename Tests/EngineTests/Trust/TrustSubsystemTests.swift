import Backpressure
import Engine
import Foundation
import Runtime
import Testing

@Suite struct TrustSubsystemTests {
    @Test func policiesAreTheIncidentSteps() {
        #expect(TrustPolicy.allCases.map(\.rawValue) == ["under-lock", "read-locked-write", "fixed"])
    }

    @Test func everySettableKeyCanBeSetAndBadInputIsExplained() throws {
        var config = TrustConfig()
        let samples = [
            "pendingPerSourceLimit": "8", "pendingTotalLimit": "64", "pendingTimeout": "30s", "saveRetryDelay": "100ms",
            "stopDrainTimeout": "1s", "finalSaveTimeout": "3s", "fsyncLatency": "0ms", "joinRatePerSecond": "12.5",
            "peerPoolSize": "50", "sourceCount": "3", "handshakeConcurrencyLimit": "16", "approvalInterval": "500ms",
            "rejectChance": "0.2", "mutualChance": "1", "revokeRatePerSecond": "0", "revocationPeriod": "10s",
            "expirySweepInterval": "2s", "floodSize": "500",
            "persistenceLagWarningThreshold": "500ms", "throughputWindow": "2s",
        ]
        #expect(Set(samples.keys) == Set(TrustConfig.settableKeys))
        for key in TrustConfig.settableKeys { try config.set(key, samples[key]!) }
        #expect(config.pendingPerSourceLimit == 8)
        #expect(config.saveRetryDelay == .milliseconds(100))
        #expect(config.joinRatePerSecond == 12.5)
        #expect(config.stopDrainTimeout == .seconds(1))

        #expect(throws: ParameterError.self) { try config.set("nope", "1") }
        do {
            try config.set("nope", "1")
        } catch {
            #expect(error.description.contains("valid keys: pendingPerSourceLimit"))
        }
        #expect(
            throws: ParameterError(
                key: "trust.saveRetryDelay", value: "250",
                expected: "a duration in 10ms...1h (units ns, us, ms, s, m, h; compounds like 1m30s)")
        ) {
            try config.set("saveRetryDelay", "250")
        }
        #expect(throws: ParameterError.self) { try config.set("rejectChance", "1.5") }
        #expect(throws: ParameterError.self) { try config.set("pendingPerSourceLimit", "1000") }
        #expect(config.pendingPerSourceLimit == 8, "a refused set changes nothing")
    }

    @Test func itsPrimitivesAreRegistered() {
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        let subsystem = TrustSubsystem(context: context, policy: .fixed)
        let names = context.instruments.snapshots().map(\.name)
        #expect(names == ["trust.lock", "trust.dirty", "trust.save", "trust.calls", "trust.handshakes"])
        _ = subsystem
    }

    @Test func olderPoliciesOverwriteAnUnparseableFile() throws {
        for policy in [TrustPolicy.underLock, .readLockedWrite] {
            let bed = TrustTestBed(policy: policy)
            bed.disk.place(TrustFile.fileName, Data("garbage".utf8))
            bed.start()
            bed.mutate(TrustTestBed.accept(1))
            bed.runtime.runUntilQuiescent()
            #expect(try bed.savedFile()?.state.isTrusted("peer-1") == true, "\(policy)")
            #expect(bed.disk.fileNames == [TrustFile.fileName], "\(policy): the garbage is gone for good")
            #expect(bed.manager.snapshot().setAsideFile == nil)
        }
    }

    @Test func olderPoliciesDoNotRetryAFailedSave() throws {
        for policy in [TrustPolicy.underLock, .readLockedWrite] {
            let bed = TrustTestBed(policy: policy)
            bed.start()
            bed.disk.faults.failNextWrites(1)
            bed.mutate(TrustTestBed.accept(1))
            bed.runtime.run(for: .seconds(10))
            let snapshot = bed.manager.snapshot()
            #expect(snapshot.saveFailures == 1, "\(policy)")
            #expect(snapshot.saves == 0, "\(policy)")
            #expect(snapshot.unsavedChanges == 1, "\(policy)")
            #expect(snapshot.dirtyFor == .seconds(10), "\(policy)")
            let lag = try #require(snapshot.warnings.first { $0.kind == .trustPersistenceLag }, "\(policy)")
            #expect(lag.cause == "1 trust change unsaved for 10.0 s: last save failed (injected write failure)")
        }
    }

    @Test func failingWritesAndRecoveryShowInTheSnapshot() {
        let runtime = DeterministicRuntime(seed: 5)
        var config = TrustConfig()
        config.joinRatePerSecond = 30
        let subsystem = TrustSubsystem(context: EngineContext(runtime: runtime), policy: .fixed, config: config)
        subsystem.start()
        runtime.run(for: .seconds(2))
        subsystem.setFailingWrites(true)
        runtime.run(for: .seconds(3))
        let failing = subsystem.snapshot()
        #expect(failing.failingWrites)
        #expect(failing.consecutiveSaveFailures > 5, "retried every saveRetryDelay")
        #expect(failing.dirtyFor ?? .zero >= .seconds(2))
        #expect(
            failing.warnings.contains { $0.kind == .trustPersistenceLag && $0.cause.contains("injected write failure") }
        )
        subsystem.setFailingWrites(false)
        runtime.run(for: .seconds(1))
        let recovered = subsystem.snapshot()
        #expect(recovered.consecutiveSaveFailures == 0)
        #expect(recovered.lastSaveCoalesced > 1, "the retry carried every change made meanwhile")
        #expect(!recovered.warnings.contains { $0.kind == .trustPersistenceLag })
    }
}
