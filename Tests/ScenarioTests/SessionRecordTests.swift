import Engine
import Foundation
import Runtime
import Scenarios
import Testing

/// A session recorded with the trust store on real files (as the dashboard runs it) replays
/// headless to the same verdict and final state, taking the disk's answers from the record.
@Suite struct SessionRecordTests {
    static let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)

    final class TemporaryDirectory: Sendable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-session-\(UUID().uuidString)"
        ).path
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs `trust-slow-disk` for 20 virtual seconds on real files, with operator actions at
    /// instants no timeline holds, recording to `recordPath`.
    static func recordSession(stateDirectory: String, recordPath: String) throws -> RunOutcome {
        let session = try ScenarioSession(
            request: RunRequest(
                scenario: try ScenarioCatalog.named("trust-slow-disk"), policy: .legacy, seed: 5,
                stateDirectory: stateDirectory),
            build: "test", origin: .dashboard, recordPath: recordPath, makeEngine: EngineFactory.make)
        let runtime = session.runtime
        session.start()
        let operatorActions: [(Duration, EngineAction)] = [
            (.milliseconds(3_137), .setDiskLatency(.milliseconds(50))),
            (.milliseconds(7_001), .cancel(.trust)),
            (.milliseconds(9_250), .setDiskLatency(.zero)),
        ]
        for (at, action) in operatorActions {
            runtime.run(until: RuntimeInstant(sinceStart: at), schedule: session)
            session.apply(action)
        }
        runtime.run(until: RuntimeInstant(sinceStart: .seconds(20)), schedule: session)
        return session.finish()
    }

    @Test func aSessionOnRealFilesReplaysWithoutTheDisk() throws {
        let state = TemporaryDirectory()
        let records = TemporaryDirectory()
        let recordPath = records.path + "/session.jsonl"
        let live = try Self.recordSession(stateDirectory: state.path, recordPath: recordPath)
        #expect(FileManager.default.fileExists(atPath: state.path + "/" + TrustFile.fileName))

        let file = try RecordFile.parse(
            try String(contentsOfFile: recordPath, encoding: .utf8), path: recordPath, build: "test")
        #expect(
            file.header.origin == .dashboard && file.header.duration == nil && file.header.stateDirectory == state.path)
        #expect(
            file.actions.filter { $0.origin == .operator }.map(\.at) == [
                .milliseconds(3_137), .milliseconds(7_001), .milliseconds(9_250),
            ])
        #expect(!file.actions.filter { $0.origin == .timeline }.isEmpty)
        #expect(file.inputs.count > 10, "every read and save of the real trust file is an input")
        #expect(file.trailer == live.record.trailer && file.replayDuration == .seconds(20))

        // The replay must not need the directory: remove it first.
        try FileManager.default.removeItem(atPath: state.path)
        let replay = try Self.runner.run(try RunRequest(replaying: file))
        #expect(replay.inputDivergence == nil)
        #expect(replay.record.trailer == file.trailer)
        #expect(replay.report.metrics == live.report.metrics)
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    /// The inputs matter: without them the disk answers "not recorded", and the replay says so.
    @Test func aReplayWithoutItsInputsDiverges() throws {
        let state = TemporaryDirectory()
        let records = TemporaryDirectory()
        let recordPath = records.path + "/session.jsonl"
        _ = try Self.recordSession(stateDirectory: state.path, recordPath: recordPath)
        let file = try RecordFile.parse(
            try String(contentsOfFile: recordPath, encoding: .utf8), path: recordPath, build: "test")
        let stripped = RecordFile(
            header: file.header, entries: file.entries.filter { if case .input = $0 { false } else { true } },
            trailer: file.trailer)
        let replay = try Self.runner.run(try RunRequest(replaying: stripped))
        #expect(replay.inputDivergence?.contains("no more inputs") == true)
        #expect(replay.record.trailer != file.trailer)
    }
}
