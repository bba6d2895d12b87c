import ArgumentParser
import Engine
import Foundation
import Scenarios

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario headless in virtual time and print its verdict.",
        discussion: "Exit status: 0 when --expect holds (or none was given), 1 when it does not, 2 on bad input."
    )

    @Argument(help: "The scenario (see `stallscope scenarios`).")
    var name: String

    @Option(help: "fixed, legacy, or subsystem=step pairs such as cold=semaphore,trust=under-lock.")
    var policy: String = "fixed"

    // `.unconditional`: `--seed -5` is a bad seed, not a missing one.
    @Option(parsing: .unconditional, help: "Seed of the run: the same seed replays the same run.")
    var seed: UInt64 = 7

    @Option(parsing: .unconditional, help: "Virtual time to run, such as 120s or 2m (default: the scenario's).")
    var duration: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(help: "Fail (exit 1) unless the verdict is this: stall or healthy.")
    var expect: String?

    @Option(name: .customLong("set"), help: "Override a parameter, key=value (repeatable).")
    var overrides: [String] = []

    @Option(
        help:
            "Multiply every load parameter (peers, streams, arrival rates; `scenarios --load`) by N, 1...100; --set still wins."
    )
    var scale = 1

    @Option(help: "Write the run (seed, policy, parameters, actions) to this file for `replay`.")
    var record: String?

    func run() throws {
        let scenario = try ScenarioCatalog.named(name)
        let expected: Verdict? = try expect.map { text throws(UsageError) in
            guard let verdict = Verdict(rawValue: text) else {
                throw UsageError("unknown verdict '\(text)' for --expect: use stall or healthy")
            }
            return verdict
        }
        let request = RunRequest(
            scenario: scenario, policy: try PolicySelection.parse(policy), seed: seed,
            duration: try duration.map { text throws(UsageError) in try DurationParser.parse(text) },
            overrides: try LoadScale.overrides(scale, for: scenario)
                + overrides.map { text throws(UsageError) in try ParameterOverride.parse(text) })
        if let record { try RecordFile.checkNew(record) }
        let outcome = try Headless.run(request)
        if let record {
            try Headless.write(outcome.record.encoded(), to: record)
        }
        Headless.print(outcome.report, format: format)
        if let expected, outcome.report.verdict != expected {
            FileHandle.standardError.write(
                Data("stallscope: expected \(expected.rawValue), got \(outcome.report.verdict.rawValue)\n".utf8))
            throw ExitCode(1)
        }
    }
}
