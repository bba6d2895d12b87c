import Backpressure
import Engine
import Foundation
import Runtime
import Testing

/// `TrustFileDisk` on a real temporary directory; its work runs through `runtime.blocking` on a
/// deterministic runtime, so injected latency is still virtual.
@Suite struct TrustFileDiskTests {
    final class TemporaryDirectory: Sendable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stallscope-trust-\(UUID().uuidString)").path
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func listing() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    func perform<T: Sendable>(_ runtime: DeterministicRuntime, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = LockedState<Result<T, any Error>?>(nil)
        runtime.spawn("test") {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
        }
        runtime.runUntilQuiescent()
        return try #require(result.withLock { $0 }).get()
    }

    @Test func anAtomicWriteLeavesOnePrivateFile() throws {
        let directory = TemporaryDirectory()
        let runtime = DeterministicRuntime(seed: 1)
        let disk = TrustFileDisk(directory: directory.path + "/nested", runtime: runtime)
        disk.faults.fsyncLatency = .milliseconds(10)
        let timing = try perform(runtime) { try await disk.writeAtomically(Data("first".utf8)) }
        #expect(timing.fsync == .milliseconds(20), "file fsync + directory fsync, 10 ms each (virtual)")
        _ = try perform(runtime) { try await disk.writeAtomically(Data("second".utf8)) }
        let nested = directory.path + "/nested"
        #expect(try FileManager.default.contentsOfDirectory(atPath: nested) == [TrustFile.fileName])
        #expect(FileManager.default.contents(atPath: nested + "/" + TrustFile.fileName) == Data("second".utf8))
        let fileMode = try FileManager.default.attributesOfItem(atPath: nested + "/" + TrustFile.fileName)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: nested)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
        #expect(try perform(runtime) { try await disk.read() } == Data("second".utf8))
        #expect(disk.location == nested + "/" + TrustFile.fileName)
    }

    @Test func aFailedWriteKeepsTheOldFileAndNoTemporary() throws {
        let directory = TemporaryDirectory()
        let runtime = DeterministicRuntime(seed: 1)
        let disk = TrustFileDisk(directory: directory.path, runtime: runtime)
        _ = try perform(runtime) { try await disk.writeAtomically(Data("kept".utf8)) }
        disk.faults.failNextWrites(1)
        #expect(throws: TrustDiskError.injectedWriteFailure) {
            _ = try perform(runtime) { try await disk.writeAtomically(Data("lost".utf8)) }
        }
        #expect(directory.listing() == [TrustFile.fileName])
        #expect(FileManager.default.contents(atPath: disk.location) == Data("kept".utf8))
    }

    @Test func leftoversAreRemovedAndUnparseableFilesSetAsideUnderFreshNames() throws {
        let directory = TemporaryDirectory()
        let runtime = DeterministicRuntime(seed: 1)
        let disk = TrustFileDisk(directory: directory.path, runtime: runtime)
        try Data("torn".utf8).write(to: URL(fileURLWithPath: directory.path + "/" + TrustFile.temporaryFileName))
        #expect(try perform(runtime) { try await disk.removeLeftovers() } == [TrustFile.temporaryFileName])
        #expect(try perform(runtime) { try await disk.removeLeftovers() } == [])
        try Data("garbage 1".utf8).write(to: URL(fileURLWithPath: disk.location))
        #expect(try perform(runtime) { try await disk.setAside() } == "trust.json.unparseable-1")
        try Data("garbage 2".utf8).write(to: URL(fileURLWithPath: disk.location))
        #expect(try perform(runtime) { try await disk.setAside() } == "trust.json.unparseable-2")
        #expect(directory.listing() == ["trust.json.unparseable-1", "trust.json.unparseable-2"])
        #expect(FileManager.default.contents(atPath: directory.path + "/trust.json.unparseable-1") == Data("garbage 1".utf8))
    }

    @Test func theFixedManagerOnRealFilesKeepsAnUnparseableFileAndSavesBesideIt() throws {
        let directory = TemporaryDirectory()
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        var config = TrustConfig()
        config.joinRatePerSecond = 40
        try Data("not json".utf8).write(to: URL(fileURLWithPath: directory.path + "/" + TrustFile.fileName))
        try Data("torn".utf8).write(to: URL(fileURLWithPath: directory.path + "/" + TrustFile.temporaryFileName))
        let subsystem = TrustSubsystem.withRealFiles(context: context, policy: .fixed, config: config, directory: directory.path)
        subsystem.start()
        runtime.run(for: .seconds(3))
        runtime.spawn("stop") { await subsystem.stop() }
        runtime.runUntilQuiescent()
        let snapshot = subsystem.snapshot()
        #expect(snapshot.setAsideFile == "trust.json.unparseable-1")
        #expect(snapshot.leftoversRemoved == 1)
        #expect(snapshot.changesLostAtStop == 0)
        #expect(snapshot.saves > 0)
        #expect(directory.listing() == [TrustFile.fileName, "trust.json.unparseable-1"])
        let saved = try TrustFile.decode(try #require(FileManager.default.contents(atPath: subsystem.disk.location)))
        #expect(saved.state == subsystem.manager.currentTrust)
    }

    @Test func theStateDirectoryFollowsXDG() {
        #expect(TrustStateDirectory.resolve(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/stallscope")
        #expect(TrustStateDirectory.resolve(environment: ["HOME": "/h"]) == "/h/.local/state/stallscope")
        #expect(TrustStateDirectory.resolve(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/stallscope")
        #expect(TrustStateDirectory.resolve(given: "/given", environment: ["XDG_STATE_HOME": "/s"]) == "/given")
        #expect(TrustStateDirectory.resolve(environment: [:]) == nil)
    }
}
