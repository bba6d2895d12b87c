import Engine
import Foundation
import Scenarios
import Testing

@Suite struct RecordFileTests {
    static let header = RecordHeader(
        build: "test-build", origin: .dashboard, scenario: "cold-stuck-reader", policy: "cold=semaphore", seed: 7,
        duration: nil, overrides: [ParameterOverride(key: "cold.readers", value: "80")], stateDirectory: "/tmp/state")

    static let written = TrustDiskOutcome(result: .written, stepNanoseconds: [120_000, 4_800_000, 30_000, 2_100_000])
    static let file = RecordFile(
        header: header,
        entries: [
            .input(
                at: RecordInstant(.nanoseconds(0)),
                input: .trustDisk(TrustDiskOutcome(result: .read(Data("{}".utf8)), stepNanoseconds: [90_000]))),
            .action(
                at: RecordInstant(.nanoseconds(10_000_000_000)), by: .timeline, action: .injectStuckReaders(count: 1)),
            .input(at: RecordInstant(.nanoseconds(12_000_000_000)), input: .trustDisk(written)),
            .input(
                at: RecordInstant(.nanoseconds(13_000_000_000)),
                input: .trustDisk(
                    TrustDiskOutcome(
                        result: .failed(.system(call: "fsync", errno: 5)), stepNanoseconds: [100_000, 9_000]))),
            .action(at: RecordInstant(.nanoseconds(30_000_000_000)), by: .operator, action: .cancel(.cold)),
        ],
        trailer: RecordTrailer(verdict: .stall, virtualTime: RecordInstant(.seconds(120)), finalStateDigest: "abc"))

    @Test func roundTrips() throws {
        let text = Self.file.encoded()
        let parsed = try RecordFile.parse(text, path: "run.jsonl", build: "test-build")
        #expect(parsed == Self.file)
        #expect(parsed.actions.map(\.origin) == [.timeline, .operator])
        #expect(parsed.inputs.map(\.at) == [.zero, .seconds(12), .seconds(13)])
        #expect(parsed.replayDuration == .seconds(120), "a dashboard session lasts what its trailer says")
    }

    @Test func instantsAreExactToTheAttosecondAndReadable() throws {
        let instant = Duration(secondsComponent: 0, attosecondsComponent: 53_759_971_667_189_910)
        #expect(RecordInstant(instant).description == "0.05375997166718991")
        #expect(RecordInstant(parsing: "0.05375997166718991")?.sinceStart == instant)
        #expect(RecordInstant(.seconds(3)).description == "3" && RecordInstant(parsing: "3")?.sinceStart == .seconds(3))
        for bad in ["", ".5", "1.", "-1", "1.0000000000000000001", "1e3", "x"] {
            #expect(RecordInstant(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aSessionCutShortReplaysToItsLastEntry() throws {
        let cut = RecordFile(header: Self.header, entries: Self.file.entries, trailer: nil)
        #expect(
            try RecordFile.parse(cut.encoded(), path: "run.jsonl", build: "test-build").replayDuration == .seconds(30))
    }

    @Test func refusesAnotherFormatByName() {
        let current = RecordHeader.currentFormat
        let older = Self.file.encoded().replacingOccurrences(of: "\"format\":\(current)", with: "\"format\":1")
        #expect(
            throws: UsageError("run.jsonl:1: record format 1 is not supported (this build reads format \(current))")
        ) {
            try RecordFile.parse(older, path: "run.jsonl", build: "test-build")
        }
    }

    @Test func refusesAnotherBuild() {
        #expect(
            throws: UsageError(
                "run.jsonl:1: recorded by stallscope test-build, this is other: replays need the same build")
        ) {
            try RecordFile.parse(Self.file.encoded(), path: "run.jsonl", build: "other")
        }
    }

    @Test func refusesABadLineWithItsNumber() {
        var lines = Self.file.encoded().split(separator: "\n").map(String.init)
        lines[2] = "{\"action\": garbage"
        #expect(throws: UsageError("run.jsonl:3: not a stallscope record line")) {
            try RecordFile.parse(lines.joined(separator: "\n"), path: "run.jsonl", build: "test-build")
        }
    }

    @Test func refusesEmptyOrHeaderlessFiles() {
        #expect(throws: UsageError("run.jsonl: empty record file")) {
            try RecordFile.parse("", path: "run.jsonl", build: "test-build")
        }
        let actionsOnly = Self.file.encoded().split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(throws: UsageError("run.jsonl:1: an entry before the header")) {
            try RecordFile.parse(actionsOnly, path: "run.jsonl", build: "test-build")
        }
    }

    @Test func refusesActionsGoingBackInTime() {
        let shuffled = RecordFile(
            header: Self.header,
            entries: [
                .action(at: RecordInstant(.nanoseconds(30_000_000_000)), by: .operator, action: .cancel(.cold)),
                .input(at: RecordInstant(.nanoseconds(10_000_000_000)), input: .trustDisk(Self.written)),
            ], trailer: nil)
        #expect(throws: UsageError("run.jsonl:3: entries go back in time")) {
            try RecordFile.parse(shuffled.encoded(), path: "run.jsonl", build: "test-build")
        }
    }

    @Test func reportJSONIsStableAndSorted() {
        let report = RunReport(
            scenario: "steady", policy: "fixed", seed: 7, virtualSeconds: 600, wallSeconds: 1.25,
            verdict: .healthy, warnings: [], metrics: ["b": 2, "a": 1])
        #expect(
            report.json()
                == #"{"metrics":{"a":1,"b":2},"policy":"fixed","scenario":"steady","seed":7,"verdict":"healthy","virtualSeconds":600,"wallSeconds":1.25,"warnings":[]}"#
        )
    }
}
