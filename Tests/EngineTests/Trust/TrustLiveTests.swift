import Engine
import Foundation
import Runtime
import Testing

/// The ladder's two ends on the real executor and real files, with 10 ms injected per fsync:
/// `under-lock` holds the write lock for the whole save; `fixed` holds it for microseconds.
@Suite(.timeLimit(.minutes(1))) struct TrustLiveTests {
    static func run(_ policy: TrustPolicy) async throws -> (TrustSnapshot, TrustFile?) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-trust-live-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runtime = LiveRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        let disk = TrustFileDisk(
            directory: directory, runtime: runtime, faults: TrustDiskFaults(fsyncLatency: .milliseconds(10)))
        let manager = TrustManager(context: context, policy: policy, config: TrustConfig(), disk: disk)
        await manager.start()
        let calls = (0..<30).map { index in
            runtime.spawn("call \(index)") { _ = try? await manager.mutate(TrustTestBed.accept(index)) }
        }
        for call in calls { await call.join() }
        await manager.stop()
        let file = try await disk.read().map { try TrustFile.decode($0) }
        return (manager.snapshot(), file)
    }

    @Test func underLockHoldsTheLockAcrossRealFsyncs() async throws {
        let (snapshot, file) = try await Self.run(.underLock)
        #expect(
            snapshot.lockHold.p50 >= .milliseconds(10),
            "the file's fsync (10 ms) under the write lock; no directory fsync, as in the original")
        #expect(snapshot.saves == 30)
        #expect(file?.state.trusted.count == 30)
    }

    @Test func fixedHoldsTheLockForMicroseconds() async throws {
        let (snapshot, file) = try await Self.run(.fixed)
        #expect(snapshot.lockHold.p50 < .milliseconds(1), "\(snapshot.lockHold)")
        #expect(snapshot.fsyncDuration.p50 >= .milliseconds(20))
        #expect(snapshot.saves < 30, "changes coalesce")
        #expect(snapshot.changesLostAtStop == 0)
        #expect(file?.state.trusted.count == 30)
    }
}
