import ArgumentParser
import Engine
import Foundation
import Scenarios

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded run exactly and check it reaches the same verdict and state.",
        discussion: "Exit status: 0 when the replay matches the record, 1 when it diverges, 2 on a bad file."
    )

    @Argument(help: "A file written by `run --record` or by the dashboard.")
    var file: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let text = try Headless.read(file)
        let record = try RecordFile.parse(text, path: file, build: StallscopeVersion.string)
        let outcome = try Headless.run(try RunRequest(replaying: record))
        Headless.print(outcome.report, format: format)
        // An explorer's record stops the engine and checks its promises, as the explorer did.
        for violation in outcome.invariantViolations {
            FileHandle.standardError.write(Data("stallscope: \(file): invariant broken: \(violation)\n".utf8))
        }
        if let divergence = outcome.inputDivergence {
            FileHandle.standardError.write(Data("stallscope: replay diverged from \(file): \(divergence)\n".utf8))
            throw ExitCode(1)
        }
        guard let expected = record.trailer else {
            // A dashboard session that was killed: replayed as far as it was recorded.
            FileHandle.standardError.write(
                Data(
                    "stallscope: \(file) has no trailer (the session was cut short): replayed to its last entry, nothing to compare\n"
                        .utf8))
            return
        }
        guard let replayed = outcome.record.trailer, replayed == expected else {
            let replayedVerdict = outcome.report.verdict.rawValue
            let detail =
                expected.verdict.rawValue == replayedVerdict
                ? "same verdict (\(replayedVerdict)), different final state"
                : "recorded \(expected.verdict.rawValue), replayed \(replayedVerdict)"
            FileHandle.standardError.write(Data("stallscope: replay diverged from \(file): \(detail)\n".utf8))
            throw ExitCode(1)
        }
    }
}
