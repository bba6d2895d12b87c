import Backpressure
import Engine
import Foundation
import Runtime
import Testing

/// `TrustFileDisk` on a real temporary directory; its work runs through `runtime.blocking` on a
/// deterministic runtime, which then charges the real durations and the injected latency to
/// virtual time.
@Suite struct TrustFileDiskTests {
    final class TemporaryDirectory: Sendable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-trust-\(UUID().uuidString)"
        ).path
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func listing() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    func perform<T: Sendable>(
        _ runtime: DeterministicRuntime, _ body: @escaping @Sendable () async throws -> T
    ) throws -> T {
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
        let recorded = LockedState<[RecordedInput]>([])
        let disk = TrustFileDisk(
            directory: directory.path + "/nested", runtime: runtime,
            inputs: .measured { input in
                recorded.withLock { $0.append(input) }
            })
        disk.faults.fsyncLatency = .milliseconds(10)
        let timing = try perform(runtime) { try await disk.writeAtomically(Data("first".utf8)) }
        let write = try #require(recorded.withLock { $0.first })
        guard let outcome = write.input.value(as: TrustDiskOutcome.self) else {
            Issue.record("not a disk outcome")
            return
        }
        #expect(write.at == .zero && outcome.result == .written && outcome.steps.count == 4)
        #expect(
            timing.fsync == outcome.steps[1] + outcome.steps[3] + .milliseconds(20),
            "the real file and directory fsyncs, plus 10 ms injected after each")
        #expect(timing.total == outcome.steps.reduce(.zero, +) + .milliseconds(20))
        #expect(runtime.now.sinceStart == timing.total, "real disk time is charged to virtual time")
        _ = try perform(runtime) { try await disk.writeAtomically(Data("second".utf8)) }
        let nested = directory.path + "/nested"
        #expect(try FileManager.default.contentsOfDirectory(atPath: nested) == [TrustFile.fileName])
        #expect(FileManager.default.contents(atPath: nested + "/" + TrustFile.fileName) == Data("second".utf8))
        let fileMode =
            try FileManager.default.attributesOfItem(atPath: nested + "/" + TrustFile.fileName)[.posixPermissions]
            as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: nested)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
        #expect(try perform(runtime) { try await disk.read() } == Data("second".utf8))
        #expect(disk.location == nested + "/" + TrustFile.fileName)
    }

    /// Someone planted the temporary file as a link to a file of theirs (a shared state
    /// directory): the save writes a file of its own and leaves the link's target alone.
    @Test func aPlantedTemporaryLinkIsNotFollowed() throws {
        let directory = TemporaryDirectory()
        let victim = directory.path + "/victim"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/" + TrustFile.temporaryFileName, withDestinationPath: victim)
        let runtime = DeterministicRuntime(seed: 1)
        let disk = TrustFileDisk(directory: directory.path, runtime: runtime)
        _ = try perform(runtime) { try await disk.writeAtomically(Data("trust".utf8)) }
        #expect(FileManager.default.contents(atPath: victim) == Data("precious".utf8))
        let victimMode = try FileManager.default.attributesOfItem(atPath: victim)[.posixPermissions] as? Int
        #expect(victimMode != 0o600 || victimMode == nil, "the target was not chmod'ed")
        #expect(FileManager.default.contents(atPath: directory.path + "/" + TrustFile.fileName) == Data("trust".utf8))
        #expect(directory.listing() == [TrustFile.fileName, "victim"])
    }

    /// What a recording run's disk answered comes back in a replay, with the same virtual
    /// timing, and the directory is never touched.
    @Test func aReplayTakesTheRecordedOutcomesInsteadOfTheDisk() throws {
        let directory = TemporaryDirectory()
        let recorded = LockedState<[RecordedInput]>([])
        func exercise(_ disk: TrustFileDisk, _ runtime: DeterministicRuntime) throws -> [String] {
            disk.faults.fsyncLatency = .milliseconds(5)
            let timing = try perform(runtime) { try await disk.writeAtomically(Data("state".utf8)) }
            let read = try perform(runtime) { try await disk.read() }
            let removed = try perform(runtime) { try await disk.removeLeftovers() }
            let setAside = try perform(runtime) { try await disk.setAside() }
            return [
                "\(timing)", "\(read.map { String(decoding: $0, as: UTF8.self) } ?? "none")", "\(removed)", setAside,
                "\(runtime.now)",
            ]
        }
        let live = DeterministicRuntime(seed: 1)
        let recording = TrustFileDisk(
            directory: directory.path, runtime: live,
            inputs: .measured { input in
                recorded.withLock { $0.append(input) }
            })
        let original = try exercise(recording, live)
        #expect(original[1] == "state" && original[3] == "trust.json.unparseable-1")

        let missing = directory.path + "/never-created"
        let inputs = OutsideInputs.replayed(recorded.withLock { $0 })
        let replayRuntime = DeterministicRuntime(seed: 1)
        let replaying = TrustFileDisk(directory: missing, runtime: replayRuntime, inputs: inputs)
        #expect(try exercise(replaying, replayRuntime) == original)
        #expect(inputs.divergence == nil)
        #expect(!FileManager.default.fileExists(atPath: missing))

        #expect(throws: TrustDiskError.notRecorded) { _ = try perform(replayRuntime) { try await replaying.read() } }
        #expect(inputs.divergence?.contains("no more inputs") == true)
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
        #expect(
            FileManager.default.contents(atPath: directory.path + "/trust.json.unparseable-1") == Data("garbage 1".utf8)
        )
    }

    @Test func theFixedManagerOnRealFilesKeepsAnUnparseableFileAndSavesBesideIt() throws {
        let directory = TemporaryDirectory()
        let runtime = DeterministicRuntime(seed: 1)
        let context = EngineContext(runtime: runtime)
        var config = TrustConfig()
        config.joinRatePerSecond = 40
        try Data("not json".utf8).write(to: URL(fileURLWithPath: directory.path + "/" + TrustFile.fileName))
        try Data("torn".utf8).write(to: URL(fileURLWithPath: directory.path + "/" + TrustFile.temporaryFileName))
        let subsystem = TrustSubsystem.withRealFiles(
            context: context, policy: .fixed, config: config, directory: directory.path)
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
        #expect(StateDirectory.resolve(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/stallscope")
        #expect(StateDirectory.resolve(environment: ["HOME": "/h"]) == "/h/.local/state/stallscope")
        #expect(
            StateDirectory.resolve(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/stallscope")
        #expect(StateDirectory.resolve(given: "/given", environment: ["XDG_STATE_HOME": "/s"]) == "/given")
        #expect(StateDirectory.resolve(environment: [:]) == nil)
    }
}
