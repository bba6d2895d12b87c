import ArgumentParser
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
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw UsageError("cannot read \(file): \((error as NSError).localizedDescription)")
        }
        let record = try RecordFile.parse(text, path: file, build: StallscopeVersion.string)
        let header = record.header
        let request = RunRequest(
            scenario: try ScenarioCatalog.named(header.scenario), policy: try PolicySelection.parse(header.policy),
            seed: header.seed, duration: header.duration, overrides: header.overrides,
            replayedActions: record.actions.map { Scenario.Step(at: $0.at, $0.action) })
        let outcome = try Headless.run(request)
        Headless.print(outcome.report, format: format)
        if let expected = record.trailer, expected != outcome.record.trailer {
            FileHandle.standardError.write(Data("stallscope: replay diverged from \(file): recorded \(expected.verdict.rawValue), replayed \(outcome.report.verdict.rawValue)\n".utf8))
            throw ExitCode(1)
        }
    }
}
