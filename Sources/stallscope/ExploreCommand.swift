import ArgumentParser
import Backpressure
import Engine
import Foundation
import Scenarios

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Search for stalls nobody scripted: random fault timelines, shrunk to a record you replay.",
        discussion: """
            Each run is the base scenario under the policy with one to four faults drawn from every \
            running subsystem's actions, within their documented bounds, at random virtual instants. \
            A stall that outlives its faults, or an invariant broken (conservation laws at the end; \
            after stopping the engine: the stop finishes, writes applied or reported, acknowledged \
            trust changes on disk, streams intact), is a finding; each kind found is shrunk to its \
            smallest reproduction. Exit status: 0 nothing found but known weaknesses, 1 something \
            new found, 2 bad input.
            """
    )

    /// The most runs one exploration may be asked for, and the longest wall time.
    static let runsRange = 1...10_000_000
    static let wallTimeRange: ClosedRange<Duration> = .seconds(1)...(.seconds(86_400))
    static let jobsRange = 1...256

    @Option(help: "fixed, legacy, or subsystem=step pairs such as cold=semaphore.")
    var policy: String = "fixed"

    @Option(help: "The base load the faults are laid over.")
    var scenario: String = "steady"

    @Option(parsing: .unconditional, help: "How many runs (default 500 unless --time is given).")
    var runs: Int?

    @Option(parsing: .unconditional, help: "Explore for this much wall time instead, such as 60s.")
    var time: String?

    @Option(parsing: .unconditional, help: "Runs at once (default: the cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "The explorer's seed: the same seed explores the same runs.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Virtual time of each run.")
    var duration: String = "60s"

    @Option(name: .customLong("set"), help: "Override a parameter of every run, key=value (repeatable).")
    var overrides: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write each finding's shrunk run here, as a record file `stallscope replay` reproduces.")
    var out: String?

    func run() throws {
        let base = try ScenarioCatalog.named(scenario)
        let budget: ExploreRequest.Budget
        switch (runs, time) {
        case (.some, .some): throw UsageError("give --runs or --time, not both")
        case (let runs?, nil):
            guard Self.runsRange.contains(runs) else { throw UsageError("--runs must be within \(Self.runsRange)") }
            budget = .runs(runs)
        case (nil, let time?):
            let limit = try DurationParser.parse(time)
            guard Self.wallTimeRange.contains(limit) else { throw UsageError("--time must be within 1s...24h") }
            budget = .wallTime(limit)
        case (nil, nil): budget = .runs(500)
        }
        guard Self.jobsRange.contains(jobs) else { throw UsageError("--jobs must be within \(Self.jobsRange)") }
        let request = ExploreRequest(
            policy: try PolicySelection.parse(policy), base: base,
            overrides: try overrides.map { text throws(UsageError) in try ParameterOverride.parse(text) },
            budget: budget, jobs: jobs, seed: seed, runDuration: try DurationParser.parse(duration))
        // A bad parameter or step is refused before exploring, as `run` refuses it.
        let runner = ScenarioRunner(build: StallscopeVersion.string, makeEngine: EngineFactory.make)
        _ = try runner.run(
            RunRequest(scenario: base, policy: request.policy, duration: .zero, overrides: request.overrides))
        if let out { try Self.prepare(out) }

        let explorer = Explorer(request: request, runner: runner)
        let progress = ProgressLine(budget: budget)
        let start = ContinuousClock.now
        let deadline: ContinuousClock.Instant? =
            if case .wallTime(let limit) = budget { start.advanced(by: limit) } else { nil }
        var searchTime = Duration.zero
        var report = explorer.explore(
            isOutOfTime: { deadline.map { ContinuousClock.now >= $0 } ?? false },
            progress: { runs, kinds in progress.show(runs: runs, kinds: kinds) },
            searchEnded: { searchTime = start.duration(to: .now) })
        report.wallTime = start.duration(to: .now)
        report.searchTime = searchTime
        progress.clear()
        if let out {
            for index in report.findings.indices {
                let finding = report.findings[index]
                guard let record = finding.record else { continue }
                let name = "explore-\(seed)-\(index + 1)-\(Self.fileName(finding.kind)).jsonl"
                let path = (out as NSString).appendingPathComponent(name)
                try Headless.write(record.encoded(), to: path)
                report.findings[index].recordPath = path
            }
        }
        switch format {
        case .text: print(report.text())
        case .json: print(report.json())
        }
        if report.hasNewFindings { throw ExitCode(1) }
    }

    /// Creates the output directory (private) if it is missing; a file in the way is bad input.
    static func prepare(_ directory: String) throws(UsageError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError("--out \(directory) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw UsageError("cannot create \(directory): \(error.localizedDescription)")
        }
    }

    static func fileName(_ kind: FindingKind) -> String {
        String(kind.description.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }
}

/// One line on stderr while exploring on a terminal (runs done, findings, runs per second),
/// rewritten in place at most ten times a second; nothing when stderr is not a terminal.
final class ProgressLine: Sendable {
    private static let interval: Duration = .milliseconds(100)
    private let budget: ExploreRequest.Budget
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = ContinuousClock.now
    private let lastShown = LockedState<ContinuousClock.Instant?>(nil)

    init(budget: ExploreRequest.Budget) {
        self.budget = budget
    }

    func show(runs: Int, kinds: Int) {
        guard isTerminal else { return }
        let now = ContinuousClock.now
        let due = lastShown.withLock { last in
            if let shown = last, shown.duration(to: now) < Self.interval { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = start.duration(to: now).seconds
        let done: String
        switch budget {
        case .runs(let total): done = "\(runs)/\(total) runs"
        case .wallTime(let limit): done = "\(runs) runs, \(max(0, Int(limit.seconds - elapsed)))s left"
        }
        let rate = elapsed > 0 ? Int((Double(runs) / elapsed).rounded()) : 0
        FileHandle.standardError.write(Data("\r\u{1B}[Kexplore: \(done), \(kinds) found, \(rate) runs/s".utf8))
    }

    func clear() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
