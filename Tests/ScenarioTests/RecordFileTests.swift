import Engine
import Scenarios
import Testing

@Suite struct RecordFileTests {
    static let header = RecordHeader(
        build: "test-build", scenario: "cold-stuck-reader", policy: "cold=semaphore", seed: 7,
        duration: .seconds(120), overrides: [ParameterOverride(key: "cold.readers", value: "80")])

    static let file = RecordFile(
        header: header,
        actions: [(.seconds(10), .injectStuckReaders(count: 1)), (.seconds(30), .cancel(.cold))],
        inputs: [(.seconds(12), "trust.fsync", .milliseconds(48))],
        trailer: RecordTrailer(verdict: .stall, virtualNanoseconds: 120_000_000_000, finalStateDigest: "abc"))

    @Test func roundTrips() throws {
        let text = Self.file.encoded()
        #expect(try RecordFile.parse(text, path: "run.jsonl", build: "test-build") == Self.file)
    }

    @Test func refusesAnotherBuild() {
        #expect(throws: UsageError("run.jsonl:1: recorded by stallscope test-build, this is other: replays need the same build")) {
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
        #expect(throws: UsageError("run.jsonl:1: an action before the header")) {
            try RecordFile.parse(actionsOnly, path: "run.jsonl", build: "test-build")
        }
    }

    @Test func refusesActionsGoingBackInTime() {
        let shuffled = RecordFile(header: Self.header, actions: [(.seconds(30), .cancel(.cold)), (.seconds(10), .releaseStuckReaders)],
                                  inputs: [], trailer: nil)
        #expect(throws: UsageError("run.jsonl:3: actions go back in time")) {
            try RecordFile.parse(shuffled.encoded(), path: "run.jsonl", build: "test-build")
        }
    }

    @Test func reportJSONIsStableAndSorted() {
        let report = RunReport(scenario: "steady", policy: "fixed", seed: 7, virtualSeconds: 600, wallSeconds: 1.25,
                               verdict: .healthy, warnings: [], metrics: ["b": 2, "a": 1])
        #expect(report.json() == #"{"metrics":{"a":1,"b":2},"policy":"fixed","scenario":"steady","seed":7,"verdict":"healthy","virtualSeconds":600,"wallSeconds":1.25,"warnings":[]}"#)
    }
}
