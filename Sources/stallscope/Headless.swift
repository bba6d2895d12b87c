import Engine
import Foundation
import Scenarios

/// What `run` and `replay` share: run a request, time it on the wall clock, print it.
enum Headless {
    static func run(_ request: RunRequest) throws(UsageError) -> RunOutcome {
        let runner = ScenarioRunner(build: StallscopeVersion.string, makeEngine: EngineFactory.make)
        let start = ContinuousClock.now
        var outcome = try runner.run(request)
        let elapsed = start.duration(to: .now)
        outcome.report.wallSeconds = elapsed.seconds
        return outcome
    }

    static func print(_ report: RunReport, format: OutputFormat) {
        switch format {
        case .text: Swift.print(report.text())
        case .json: Swift.print(report.json())
        }
    }

    static func write(_ text: String, to path: String) throws(UsageError) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
