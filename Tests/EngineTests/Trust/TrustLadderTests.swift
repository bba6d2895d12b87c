import Engine
import Foundation
import Runtime
import Testing

/// The policy ladder against a slow disk, under the handshake workload (virtual time).
@Suite struct TrustLadderTests {
    /// The `trust-slow-disk` step: a save (two fsyncs) takes 400 ms.
    static let fsyncLatency: Duration = .milliseconds(200)

    struct Run {
        let subsystem: TrustSubsystem
        let runtime: DeterministicRuntime
        let disk: SimulatedTrustDisk
        let loaded: TrustSnapshot
    }

    /// Ten virtual seconds of peers joining at 50/s with every fsync taking 200 ms.
    static func loaded(_ policy: TrustPolicy) -> Run {
        let runtime = DeterministicRuntime(seed: 42)
        let context = EngineContext(runtime: runtime)
        var config = TrustConfig()
        config.joinRatePerSecond = 50
        config.fsyncLatency = fsyncLatency
        let disk = SimulatedTrustDisk(runtime: runtime)
        let subsystem = TrustSubsystem(context: context, policy: policy, config: config, disk: disk)
        subsystem.start()
        runtime.run(for: .seconds(10))
        return Run(subsystem: subsystem, runtime: runtime, disk: disk, loaded: subsystem.snapshot())
    }

    /// Stops right after a burst of changes; returns the snapshot once everything settled.
    static func stopAfterBurst(_ run: Run) -> TrustSnapshot {
        run.subsystem.flood(count: 10)
        run.runtime.run(for: .milliseconds(1))
        run.runtime.spawn("test.stop") { await run.subsystem.stop() }
        run.runtime.runUntilQuiescent(limit: .seconds(120))
        return run.subsystem.snapshot()
    }

    @Test func underLockHoldsTheLockForTheWholeFsyncAndThroughputCollapses() throws {
        let underLock = Self.loaded(.underLock)
        let fixed = Self.loaded(.fixed)
        let slow = underLock.loaded
        #expect(slow.fsyncDuration.p50 == Self.fsyncLatency, "the original fsyncs the file, not the directory")
        #expect(fixed.loaded.fsyncDuration.p50 == Self.fsyncLatency * 2, "fixed fsyncs the file and the directory")
        #expect(slow.lockHold.p99 >= slow.fsyncDuration.p50, "the write lock is held across the fsync")
        #expect(slow.writeLockWait.p99 >= slow.fsyncDuration.p50)
        #expect(slow.saves >= 20, "one save per change")
        #expect(slow.lastSaveCoalesced == 1)
        #expect(
            slow.handshakes * 3 < fixed.loaded.handshakes,
            "handshake throughput collapses: \(slow.handshakes) vs \(fixed.loaded.handshakes)")
        #expect(slow.handshakeLatency.p99 > .seconds(1))
        let warning = try #require(slow.warnings.first { $0.kind == .trustLockHeld })
        #expect(warning.cause.contains("fsync under lock"))
        // What the users saw: handshakes queued behind a lock held across the disk write.
        #expect(warning.cause.contains(" queued behind the disk: handshake lock held "), "\(warning.cause)")
        // Slow, but nothing is lost: every change was saved before its lock was released.
        #expect(Self.stopAfterBurst(underLock).changesLostAtStop == 0)
    }

    @Test func readLockedWriteLetsMutationsProceedButWaitsOnTheDiskAndLosesChangesAtStop() throws {
        let run = Self.loaded(.readLockedWrite)
        let snapshot = run.loaded
        #expect(snapshot.saves > 0)
        #expect(snapshot.saves < run.subsystem.manager.appliedChanges, "bursts coalesce into fewer saves")
        #expect(snapshot.writeLockWait.max >= Self.fsyncLatency, "writers wait for the saver's read lock")
        #expect(snapshot.lockHold.p99 >= snapshot.fsyncDuration.p50, "the saver holds the read lock across the fsync")
        let warning = try #require(snapshot.warnings.first { $0.kind == .trustLockHeld })
        #expect(warning.cause.contains("writers wait for the disk"), "\(warning.cause)")

        let stopped = Self.stopAfterBurst(run)
        let lost = try #require(stopped.changesLostAtStop)
        #expect(lost > 0, "stop closes the saver without a final save")
        let file = try TrustFile.decode(try #require(run.disk.contents(of: TrustFile.fileName)))
        #expect(file.state != run.subsystem.manager.currentTrust)
        #expect(file.sequence + lost == run.subsystem.manager.appliedChanges)
        #expect(stopped.warnings.contains { $0.kind == .trustChangesLost })
    }

    @Test func fixedKeepsLockHoldTinyAndLosesNothing() throws {
        let run = Self.loaded(.fixed)
        let snapshot = run.loaded
        #expect(snapshot.lockHold.max < .milliseconds(1))
        #expect(snapshot.writeLockWait.max < .milliseconds(1))
        #expect(snapshot.fsyncDuration.p50 >= Self.fsyncLatency * 2, "the disk is just as slow")
        #expect(snapshot.handshakesDropped == 0)
        #expect(snapshot.handshakeLatency.p99 < .milliseconds(1))
        #expect(snapshot.handshakesPerSecond > 30)
        #expect(!snapshot.warnings.contains { $0.kind == .trustLockHeld })
        #expect(snapshot.saves < run.subsystem.manager.appliedChanges, "bursts coalesce")

        let stopped = Self.stopAfterBurst(run)
        #expect(stopped.changesLostAtStop == 0)
        let file = try TrustFile.decode(try #require(run.disk.contents(of: TrustFile.fileName)))
        #expect(file.state == run.subsystem.manager.currentTrust)
        #expect(run.disk.fileNames == [TrustFile.fileName])
        #expect(run.disk.overlappingWrites == 0)
    }

    @Test func aHandshakeFloodIsBoundedByThePendingLimits() throws {
        for policy in TrustPolicy.allCases {
            let runtime = DeterministicRuntime(seed: 3)
            var config = TrustConfig()
            config.joinRatePerSecond = 0
            config.revokeRatePerSecond = 0
            config.approvalInterval = .seconds(3_600)
            let subsystem = TrustSubsystem(context: EngineContext(runtime: runtime), policy: policy, config: config)
            subsystem.start()
            runtime.runUntilIdle()
            subsystem.flood(count: 100)
            runtime.run(for: .seconds(30))
            let snapshot = subsystem.snapshot()
            #expect(snapshot.handshakes == 100, "\(policy)")
            #expect(
                snapshot.pendingCount == config.pendingPerSourceLimit, "\(policy): one source keeps at most 16 pending")
            #expect(snapshot.handshakesRefused == 100 - config.pendingPerSourceLimit, "\(policy)")
        }
    }

    @Test func theSameSeedReplaysTheSameRun() {
        let first = Self.loaded(.readLockedWrite).loaded
        let second = Self.loaded(.readLockedWrite).loaded
        #expect(first == second)
    }
}
