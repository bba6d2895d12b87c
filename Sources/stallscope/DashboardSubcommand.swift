import ArgumentParser
import Dashboard
import DashboardHost
import Engine
import Foundation
import Runtime
import Scenarios
import Terminal

/// `stallscope dashboard`: the live TUI over the engine, on a paced deterministic runtime.
struct DashboardSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default)."
    )

    @Option(help: "Scenario to run (see `stallscope scenarios`).") var scenario = "steady"
    @Option(help: "fixed, legacy, or subsystem=step,... (e.g. cold=semaphore,trust=under-lock).") var policy = "fixed"
    @Option(parsing: .unconditional, help: "Seed of the deterministic run.") var seed: UInt64 = 7
    @Option(help: "Virtual seconds per wall second (0.125...256).") var speed = 1.0
    @Option(help: "Theme name (see `stallscope themes list`).") var theme: String?
    @Option(help: "Frames per second (1...60).") var fps = 10
    @Option(help: "Directory searched first for themes.") var themesDir: String?
    @Option(name: .customLong("set"), help: "Override a parameter, key=value (repeatable).") var overrides: [String] =
        []
    @Option(
        help:
            "Multiply every load parameter (peers, streams, arrival rates; `scenarios --load`) by N, 1...100; --set still wins."
    ) var scale = 1
    @Option(help: "Where the trust store keeps its file (default $XDG_STATE_HOME/stallscope).") var stateDir: String?
    @Option(
        help: "Record the session for `stallscope replay` (after a restart or a new branch: FILE.2, FILE.3, ...)."
    ) var record: String?
    @Option(
        help:
            "Run a second engine under this policy beside --policy's, same scenario, seed and keys (records FILE.A, FILE.B)."
    ) var compare: String?
    @Flag(help: "Do not take the mouse: no clicks or wheel, the terminal's own selection works as usual.")
    var noMouse = false

    func run() throws {
        let chosen = try ScenarioCatalog.named(scenario)
        let selection = try PolicySelection.parse(policy)
        let compared = try compare.map { text throws(UsageError) in try PolicySelection.parse(text) }
        let parameters =
            try LoadScale.overrides(scale, for: chosen)
            + overrides.map { text throws(UsageError) in try ParameterOverride.parse(text) }
        guard DashboardOptions.framesPerSecondRange.contains(fps) else {
            throw UsageError("--fps must be within \(DashboardOptions.framesPerSecondRange)")
        }
        guard PacedDriver.speedRange.contains(speed) else {
            throw UsageError(
                "--speed must be within \(PacedDriver.speedRange.lowerBound)...\(PacedDriver.speedRange.upperBound)")
        }
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog(
            directories: ThemeCatalog.searchPath(
                themesDir: themesDir, environment: environment, executablePath: Bundle.main.executablePath))
        // NO_COLOR (no-color.org) picks the monochrome theme unless one is named explicitly.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themeName = theme ?? (noColor ? Theme.monochrome.name : Theme.dark.name)
        let chosenTheme: Theme
        do { chosenTheme = try catalog.load(named: themeName) } catch { throw UsageError("invalid theme: \(error)") }
        let crashAfter = environment["STALLSCOPE_CRASH_AFTER_MS"].flatMap(Int.init).map { Duration.milliseconds($0) }

        // Real files for the trust store; without a state directory it falls back to the
        // simulated disk rather than writing somewhere unexpected.
        let trustDirectory = StateDirectory.resolve(given: stateDir, environment: environment)
        // Fail on a bad parameter before the terminal is taken over (the simulated disk: this
        // probe must not touch the state directory).
        _ = try EngineWorkload(scenario: chosen, policy: selection, seed: seed, overrides: parameters)
        if let compared {
            _ = try EngineWorkload(scenario: chosen, policy: compared, seed: seed, overrides: parameters)
        }
        if let record {
            if compared != nil {
                for side in 0..<CompareHost.sideCount {
                    try RecordFile.checkNew(CompareHost.recordPath(record, side: side, run: 0))
                }
            } else {
                try RecordFile.checkNew(record)
            }
        }
        if let trustDirectory { try StateDirectory.checkPrivate(trustDirectory) }
        let build = StallscopeVersion.string
        let settings = RuntimeHost.Settings(
            scenario: scenario, policy: selection, seed: seed, speed: speed, frameInterval: .seconds(1) / fps,
            recordPath: record)
        let userOverrides = try overrides.map { text throws(UsageError) in try ParameterOverride.parse(text) }
        let makeHost = {
            RuntimeHost(settings: settings) { (name: String, policy: PolicySelection, run: Int) in
                let recordPath = record.map { EngineWorkload.recordPath($0, run: run) }
                // The picker (`p`) may name another scenario: `--scale` applies to its own load keys.
                let scenario = (try? ScenarioCatalog.named(name)) ?? chosen
                let scaled = (try? LoadScale.overrides(scale, for: scenario)) ?? []
                // Validated above for the first scenario, and every ladder step is valid (`g`): what
                // can still fail is a record file that cannot be written (run on unrecorded) or a
                // `--set` the picker's other scenario refuses (run on without it). The event log
                // says which.
                var problems: [String] = []
                for (parameters, path) in [
                    (scaled + userOverrides, recordPath), (scaled + userOverrides, nil), (scaled, recordPath),
                ] {
                    do throws(UsageError) {
                        let workload = try EngineWorkload(
                            scenario: scenario, policy: policy, seed: seed, overrides: parameters,
                            trustDirectory: trustDirectory, recordPath: path, build: build)
                        for problem in problems { workload.engine.events.error(nil, "run on without it: \(problem)") }
                        return workload
                    } catch {
                        problems.append(error.message)
                    }
                }
                let workload = try! EngineWorkload(
                    scenario: scenario, policy: policy, seed: seed, overrides: scaled, trustDirectory: trustDirectory,
                    build: build)
                for problem in problems { workload.engine.events.error(nil, "run on without it: \(problem)") }
                return workload
            }
        }
        // Compare: both sides on the simulated disk, as `stallscope run` is, so two trust stores never
        // write one state directory's file and each side's report is the headless run's.
        let makeCompareHost = { (compared: PolicySelection) in
            CompareHost(
                settings: CompareHost.Settings(
                    scenario: scenario, policies: [selection, compared], seed: seed, speed: speed,
                    frameInterval: .seconds(1) / fps)
            ) { side, policy, run in
                let recordPath = record.map { CompareHost.recordPath($0, side: side, run: run) }
                do throws(UsageError) {
                    return try EngineWorkload(
                        scenario: chosen, policy: policy, seed: seed, overrides: parameters, recordPath: recordPath,
                        build: build)
                } catch {
                    let workload = try! EngineWorkload(
                        scenario: chosen, policy: policy, seed: seed, overrides: parameters, build: build)
                    workload.engine.events.error(nil, "not recording: \(error.message)")
                    return workload
                }
            }
        }
        let options = DashboardOptions(
            framesPerSecond: fps, theme: chosenTheme, catalog: catalog, crashAfter: crashAfter)
        let crashLog = CrashLog.path(stateDirectory: trustDirectory)
        let problems: [String]
        do {
            problems = try TerminalDashboard.run(crashLogPath: crashLog, mouse: !noMouse) {
                CrashLog.prepare(crashLog)
                let host: any DashboardHost = compared.map { makeCompareHost($0) } ?? makeHost()
                return DashboardApp(host: host, options: options)
            }
        } catch {
            throw UsageError(String(error.description.dropFirst("stallscope: ".count)))
        }
        // Said on stderr already; the status tells scripts that something was not saved.
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
