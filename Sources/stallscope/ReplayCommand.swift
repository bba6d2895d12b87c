import ArgumentParser
import Dashboard
import DashboardHost
import Engine
import Foundation
import Runtime
import Scenarios
import Terminal

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded run exactly and check it reaches the same verdict and state.",
        discussion: """
            Exit status: 0 when the replay matches the record, 1 when it diverges, 2 on a bad file.
            With --dashboard the record opens in the dashboard instead, paused at its start: [ and ] move \
            through it, { and } jump between its marks, W to its first warning.
            """
    )

    @Argument(help: "A file written by `run --record` or by the dashboard.")
    var file: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Open the record in the dashboard, paused at its start (it never touches the state directory).")
    var dashboard = false
    @Flag(help: "With --dashboard: do not take the mouse (no clicks or wheel).")
    var noMouse = false

    func run() throws {
        let text = try Headless.read(file)
        let record = try RecordFile.parse(text, path: file, build: StallscopeVersion.string)
        if dashboard { return try open(record) }
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

    /// The record in the dashboard: every run re-executes it from its seed with the disk's
    /// recorded answers (so the state directory is never touched), and none goes past its end.
    private func open(_ record: RecordFile) throws {
        let request = try RunRequest(replaying: record)
        // A record whose header does not rebuild is refused before the terminal is taken over.
        _ = try EngineWorkload(resuming: record, goesLive: false)
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog(
            directories: ThemeCatalog.searchPath(
                themesDir: nil, environment: environment, executablePath: Bundle.main.executablePath))
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let theme: Theme
        do {
            theme = try catalog.load(named: noColor ? Theme.monochrome.name : Theme.dark.name)
        } catch {
            throw UsageError("invalid theme: \(error)")
        }
        let framesPerSecond = 10
        let settings = RuntimeHost.Settings(
            scenario: record.header.scenario, policy: request.policy, seed: record.header.seed, speed: 1,
            frameInterval: .seconds(1) / framesPerSecond, startsPaused: true, playback: record)
        let options = DashboardOptions(framesPerSecond: framesPerSecond, theme: theme, catalog: catalog)
        do throws(TerminalError) {
            // The crash log goes to the temporary directory: a playback has no state directory.
            _ = try TerminalDashboard.run(crashLogPath: CrashLog.path(stateDirectory: nil), mouse: !noMouse) {
                let host = RuntimeHost(settings: settings) { _, _ in
                    do throws(UsageError) {
                        return try EngineWorkload(resuming: record, goesLive: false)
                    } catch {
                        preconditionFailure("checked before the terminal was taken: \(error.message)")
                    }
                }
                return DashboardApp(host: host, options: options)
            }
        } catch {
            throw UsageError(String(error.description.dropFirst("stallscope: ".count)))
        }
    }
}
