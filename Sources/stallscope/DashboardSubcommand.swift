import ArgumentParser
import Dashboard
import Foundation
import Terminal

/// `stallscope dashboard`: the live TUI over a paced deterministic runtime.
struct DashboardSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default)."
    )

    /// Scenarios the dashboard can run today. `steady` runs the primitives workload until the
    /// engine's scenarios land and replace it.
    static let scenarios: [String: RuntimeHost.WorkloadFactory] = [
        "steady": { PrimitivesWorkload(context: $0) },
    ]

    @Option(help: "Scenario to run.") var scenario = "steady"
    @Option(help: "fixed, legacy, or subsystem=step,... (e.g. cold=semaphore,trust=under-lock).") var policy = "fixed"
    @Option(help: "Seed of the deterministic run.") var seed: UInt64 = 7
    @Option(help: "Virtual seconds per wall second (0.125...256).") var speed = 1.0
    @Option(help: "Theme name (see `stallscope themes list`).") var theme: String?
    @Option(help: "Frames per second (1...60).") var fps = 10
    @Option(help: "Directory searched first for themes.") var themesDir: String?

    func run() throws {
        guard let factory = Self.scenarios[scenario] else {
            UsageError.fail("unknown scenario '\(scenario)' (available: \(Self.scenarios.keys.sorted().joined(separator: ", ")))")
        }
        let selection: PolicySelection
        do { selection = try PolicySelection(policy) } catch { UsageError.fail(error.message) }
        guard DashboardOptions.framesPerSecondRange.contains(fps) else {
            UsageError.fail("--fps must be within \(DashboardOptions.framesPerSecondRange)")
        }
        guard speed.isFinite, speed > 0 else { UsageError.fail("--speed must be a positive number") }
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog(directories: ThemeCatalog.searchPath(
            themesDir: themesDir, environment: environment, executablePath: Bundle.main.executablePath))
        // NO_COLOR (no-color.org) picks the monochrome theme unless one is named explicitly.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let themeName = theme ?? (noColor ? Theme.monochrome.name : Theme.dark.name)
        let chosenTheme: Theme
        do { chosenTheme = try catalog.load(named: themeName) } catch { UsageError.fail("invalid theme: \(error)") }
        let crashAfter = environment["STALLSCOPE_CRASH_AFTER_MS"].flatMap(Int.init).map { Duration.milliseconds($0) }

        let host = RuntimeHost(
            settings: .init(scenario: scenario, policy: selection.text, seed: seed, speed: speed), workload: factory)
        let app = DashboardApp(host: host, options: DashboardOptions(
            framesPerSecond: fps, theme: chosenTheme, catalog: catalog, crashAfter: crashAfter))
        do {
            try app.run(crashLogPath: CrashLog.path())
        } catch {
            host.shutdown()
            UsageError.fail(String(error.description.dropFirst("stallscope: ".count)))
        }
    }
}
