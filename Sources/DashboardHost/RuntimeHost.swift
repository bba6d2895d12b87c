import Backpressure
import Dashboard
import DashboardModel
import Engine
import Runtime
import Scenarios

/// The host the dashboard runs today: a `DeterministicRuntime` paced by a `PacedDriver`, with
/// the event log and instrument registry of an `EngineContext`, and a workload started on it.
/// Restart builds a fresh runtime from the same seed, so a run replays exactly.
public final class RuntimeHost: DashboardHost {
    public struct Settings: Sendable {
        public var scenario: String
        public var policy: PolicySelection
        public var seed: UInt64
        public var speed: Double
        /// How often the dashboard draws: the driver catches the engine up once per frame.
        public var frameInterval: Duration
        /// Start paused at virtual time zero (the tests' deterministic start); `.` steps, space runs.
        public var startsPaused: Bool
        /// Where run 0 is recorded (`--record`): a new branch goes to the next free number
        /// (`EngineWorkload.recordPath`), as a restart does.
        public var recordPath: String?
        /// A recording opened in the dashboard: the workload factory re-executes it, and the run
        /// never goes past its end.
        public var playback: RecordFile?

        public init(
            scenario: String, policy: PolicySelection, seed: UInt64, speed: Double, frameInterval: Duration,
            startsPaused: Bool = false, recordPath: String? = nil, playback: RecordFile? = nil
        ) {
            self.scenario = scenario
            self.policy = policy
            self.seed = seed
            self.speed = speed
            self.frameInterval = frameInterval
            self.startsPaused = startsPaused
            self.recordPath = recordPath
            self.playback = playback
        }
    }

    /// Builds the workload of one run, on a fresh runtime seeded with the settings' seed. Called
    /// again on restart, with the policy then in force and the run's number (0, then 1, 2, ...).
    public typealias WorkloadFactory = @Sendable (PolicySelection, _ run: Int) -> any DashboardWorkload
    /// As `WorkloadFactory`, for a host whose scenario can change (the picker, `p`): called with
    /// the scenario to run, `settings.scenario` at first.
    public typealias ScenarioWorkloadFactory =
        @Sendable (_ scenario: String, PolicySelection, _ run: Int) -> any DashboardWorkload

    /// The most virtual time a stop may take to unwind the workload's tasks.
    public static let stopLimit: Duration = .seconds(60)
    /// Events read per frame: more than the tallest screen shows, so the filter has some to search.
    public static let eventsPerFrame = 500

    private struct Run: Sendable {
        let runtime: DeterministicRuntime
        var driver: PacedDriver
        let context: EngineContext
        let workload: any DashboardWorkload
        /// The scenario it runs: the settings' until the picker chose another.
        let scenario: String
        let policy: PolicySelection
        /// Which file of the session it records to (0: `FILE`, 1: `FILE.2`, ...).
        let number: Int
        /// Changes with every new runtime (a restart, going back): what `revision` watches.
        let generation: Int
    }

    /// Where the current run stands in the history of its branch. Going back re-executes the
    /// branch from its seed up to the target instant; the branch's record stays whole until a
    /// key makes a new one.
    private struct Branch: Sendable {
        /// The branch's whole record while the current run is behind its end (after going back);
        /// nil while the current run is the branch's end.
        var ahead: RecordFile?
        /// The furthest instant the branch reached (when `ahead` is set).
        var end: Duration = .zero
        /// The branch's marks up to `end` (when `ahead` is set).
        var marks: [TimelineMark] = []
        /// The next record file's number: restarts and new branches each take one.
        var nextNumber = 1
        var nextGeneration = 1
        /// Changes with every new branch (a restart, a key behind the end, a run past the end):
        /// the spare re-executes one branch.
        var lineage = 0
    }

    /// Everything a frame can change with: what `revision` watches.
    private struct Progress: Equatable {
        var generation: Int
        var virtualTime: RuntimeInstant
        var jobsExecuted: Int
        var commandsPerformed: Int
        var speed: Double
        var isPaused: Bool
    }

    public let settings: Settings
    private let makeWorkload: ScenarioWorkloadFactory
    /// The factory builds any scenario of the catalog: the picker is on.
    private let switchesScenarios: Bool
    private let current: LockedState<Run?>
    private let revisions = LockedState<(seen: Progress?, revision: Int)>((nil, 0))
    private let branch = LockedState(Branch())
    /// The branch a playback starts on: the recording, whole, with its marks.
    private let playbackBranch: Branch?
    /// The current branch re-executed to its middle in the background: where going back starts
    /// from when the target lies past it.
    private let spare = SpareRun(
        advance: { workload, instant in RuntimeHost.run(workload, until: instant) },
        discard: { workload in RuntimeHost.stop(workload) })

    /// A host of one scenario, `settings.scenario`: the picker is off.
    public convenience init(settings: Settings, workload: @escaping WorkloadFactory) {
        self.init(settings: settings, switchesScenarios: false) { _, policy, run in workload(policy, run) }
    }

    /// A host whose scenario the picker can change: `workload` builds any scenario of the catalog.
    public convenience init(settings: Settings, scenarioWorkload: @escaping ScenarioWorkloadFactory) {
        self.init(settings: settings, switchesScenarios: settings.playback == nil, workload: scenarioWorkload)
    }

    private init(settings: Settings, switchesScenarios: Bool, workload: @escaping ScenarioWorkloadFactory) {
        self.settings = settings
        self.makeWorkload = workload
        self.switchesScenarios = switchesScenarios
        self.current = LockedState(nil)
        self.playbackBranch = settings.playback.map { record in
            Branch(
                ahead: record, end: record.replayDuration,
                marks: Self.survey(workload(settings.scenario, settings.policy, 0), record))
        }
        if let playbackBranch { branch.withLock { $0 = playbackBranch } }
        current.withLock {
            $0 = launch(
                scenario: settings.scenario, speed: settings.speed, paused: settings.startsPaused,
                policy: settings.policy, number: 0)
        }
    }

    /// The marks of a whole recording: it runs once headless, to its end, at open.
    private static func survey(_ workload: any DashboardWorkload, _ record: RecordFile) -> [TimelineMark] {
        start(workload, scenario: record.header.scenario, seed: record.header.seed, policy: record.header.policy)
        run(workload, until: record.replayDuration)
        let marks = workload.marks
        stop(workload)
        return marks
    }

    private func launch(scenario: String, speed: Double, paused: Bool, policy: PolicySelection, number: Int) -> Run {
        let workload = makeWorkload(scenario, policy, number)
        precondition(workload.runtime.seed == settings.seed, "a run replays from the host's seed")
        Self.start(workload, scenario: scenario, seed: settings.seed, policy: policy.description)
        return drive(workload, scenario: scenario, speed: speed, paused: paused, policy: policy, number: number)
    }

    /// Starts the workload's tasks. Before the driver thread exists: this thread is the only one
    /// touching the runtime until `driver.start()`.
    private static func start(_ workload: any DashboardWorkload, scenario: String, seed: UInt64, policy: String) {
        workload.start()
        workload.runtime.runUntilIdle()
        workload.context.events.info(nil, "started \(scenario) (seed \(seed), policy \(policy))")
    }

    /// Runs the workload headless, as fast as the machine allows, to `instant`: what the driver
    /// would reach, without the pacing.
    private static func run(_ workload: any DashboardWorkload, until instant: Duration) {
        let target = RuntimeInstant(sinceStart: instant)
        if let schedule = workload.schedule {
            workload.runtime.run(until: target, schedule: schedule)
        } else {
            workload.runtime.run(until: target)
        }
    }

    /// A driver on the workload's runtime, started: the run goes on from where its runtime is.
    private func drive(
        _ workload: any DashboardWorkload, scenario: String, speed: Double, paused: Bool, policy: PolicySelection,
        number: Int
    ) -> Run {
        let driver = makeDriver(workload, speed: speed, paused: paused)
        let generation = branch.withLock { state in
            defer { state.nextGeneration += 1 }
            return state.nextGeneration
        }
        return Run(
            runtime: workload.runtime, driver: driver, context: workload.context, workload: workload,
            scenario: scenario, policy: policy, number: number, generation: generation)
    }

    private func makeDriver(_ workload: any DashboardWorkload, speed: Double, paused: Bool) -> PacedDriver {
        let driver = PacedDriver(
            runtime: workload.runtime, speed: speed, schedule: workload.schedule, wallSlice: settings.frameInterval,
            limit: settings.playback.map { RuntimeInstant(sinceStart: $0.replayDuration) })
        driver.setPaused(paused)
        driver.start()
        return driver
    }

    private var run: Run {
        guard let run = current.withLock({ $0 }) else { preconditionFailure("host used after shutdown") }
        return run
    }

    public func frame() -> DashboardFrame {
        settleBranch()
        refreshSpare()
        let run = run
        let now = run.runtime.now.sinceStart
        // The groups' members are left to the channels panel, which reads the quiet ones in turns.
        let (readings, groups) = run.context.instruments.readingsAndGroups()
        var frame = DashboardFrame(
            scenario: run.scenario, policy: run.policy.description, seed: settings.seed, speed: run.driver.speed,
            isPaused: run.driver.isHalted, virtualTime: run.runtime.now.sinceStart,
            resources: readings, groups: groups,
            events: run.context.events.recent(Self.eventsPerFrame).map(EventLine.init),
            commands: run.workload.commands)
        frame.hasEnded = run.driver.limit.map { run.runtime.now >= $0 } ?? false
        run.workload.contribute(to: &frame)
        let marks = run.workload.marks
        let (ahead, end) = branch.withLock { state in
            state.ahead == nil ? ([], now) : (state.marks.filter { $0.at > now }, state.end)
        }
        // The driver may have moved on since `now` was read: the strip ends at the latest of them.
        frame.timeline = RunTimeline(
            end: ([end, now, frame.virtualTime] + marks.map(\.at)).max() ?? now, marks: marks + ahead)
        return frame
    }

    public var revision: Int {
        let run = run
        // The job count moves only after the jobs it counts have run, so a frame taken after
        // reading it shows at least what it counts.
        let progress = Progress(
            generation: run.generation, virtualTime: run.runtime.now, jobsExecuted: run.runtime.jobsExecuted,
            commandsPerformed: run.workload.commandsPerformed, speed: run.driver.speed, isPaused: run.driver.isHalted)
        return revisions.withLock { state in
            if state.seen != progress {
                state.seen = progress
                state.revision += 1
            }
            return state.revision
        }
    }

    /// The keys the workload carries out now (the frame offers them).
    public var commands: [CommandHint] { run.workload.commands }

    public func perform(_ key: Character, focus: DashboardFocus) {
        guard commands.contains(where: { $0.key == key }) else { return }
        if HostCommand(key: key) == .cyclePolicy {
            // A policy step is chosen when a subsystem starts: run the scenario again, same seed,
            // with the selected row's subsystem (or the scenario's first) one step further along.
            let current = run
            guard let subsystem = focus.subsystem(among: current.workload.subsystems) else { return }
            restart(policy: current.policy.cycled(subsystem))
            return
        }
        startBranchIfBehind()
        let workload = run.workload
        run.driver.perform { _ in workload.perform(key, focus: focus) }
    }

    public var isPaused: Bool { run.driver.isPaused }
    public func togglePause() { run.driver.togglePause() }
    public func step() { run.driver.step() }
    public var speed: Double { run.driver.speed }
    public func setSpeed(_ speed: Double) { run.driver.setSpeed(speed) }

    public func restart() {
        restart(policy: run.policy)
    }

    public var scenarioChoices: [ScenarioChoice] { switchesScenarios ? ScenarioChoice.catalog : [] }

    public var scenarioPickerOff: String {
        settings.playback == nil
            ? "this dashboard runs one scenario" : "a recording plays the scenario it recorded: no picker"
    }

    /// The picker's enter: `scenario` from its start under `policy`, same seed, speed and pause,
    /// recorded (with `--record`) to the next file as a restart is.
    public func restart(scenario: String, policy: String) -> String {
        guard switchesScenarios else { return scenarioPickerOff }
        let selection: PolicySelection
        do throws(UsageError) {
            _ = try ScenarioCatalog.named(scenario)
            selection = try PolicySelection.parse(policy)
        } catch {
            return error.message
        }
        restart(policy: selection, scenario: scenario)
        return "\(scenario) under \(selection), seed \(settings.seed)"
    }

    private func restart(policy: PolicySelection, scenario: String? = nil) {
        let old = run
        Self.stop(old)
        let number = branch.withLock { state in
            // A fresh run is its own branch's end (a playback starts on its recording again).
            let number = state.nextNumber
            state = Branch(
                ahead: playbackBranch?.ahead, end: playbackBranch?.end ?? .zero, marks: playbackBranch?.marks ?? [],
                nextNumber: number + 1, nextGeneration: state.nextGeneration, lineage: state.lineage + 1)
            return number
        }
        let fresh = launch(
            scenario: scenario ?? old.scenario, speed: old.driver.speed, paused: old.driver.isPaused, policy: policy,
            number: number)
        if let scenario, scenario != old.scenario {
            fresh.context.events.info(nil, "scenario \(old.scenario) -> \(scenario): restarted with the same seed")
        } else if policy != old.policy {
            fresh.context.events.info(nil, "policy \(old.policy) -> \(policy): restarted with the same seed")
        }
        current.withLock { $0 = fresh }
    }

    // MARK: Going back in time

    /// Goes to `instant` of the current branch, within its start and the furthest instant it
    /// reached, and returns the status line that says what happened. Back re-executes the branch
    /// from its seed, headless, up to `instant` (nothing is snapshotted); forward runs the
    /// current run on along the branch's recorded actions. Either way the run then goes on as it
    /// was, paused or running.
    public func travel(to instant: Duration) -> String {
        settleBranch()
        var status = ""
        replaceRun { run in
            let now = run.runtime.now.sinceStart
            let (ahead, end) = branch.withLock { ($0.ahead, $0.ahead == nil ? now : $0.end) }
            let target = min(max(instant, .zero), end)
            if target == now {
                let edge = settings.playback == nil ? "at the live edge" : "at the end of the recording"
                status =
                    instant > now
                    ? "\(edge) (t=\(Format.virtualTime(now, milliseconds: true))): nothing recorded ahead"
                    : "at t=\(Format.virtualTime(now, milliseconds: true)) already"
                return nil
            }
            if target > now {
                Self.run(run.workload, until: target)
                status = "forward to t=\(Format.virtualTime(target, milliseconds: true)) along the recorded run"
                return nil
            }
            let record: RecordFile
            if let ahead {
                record = ahead
                Self.stop(run.workload)
            } else {
                // The run leaves its end: the branch is its record, whole (its trailer written).
                let marks = run.workload.marks
                Self.stop(run.workload)
                record = run.workload.record
                branch.withLock { state in
                    state.ahead = record
                    state.end = now
                    state.marks = marks
                }
            }
            let lineage = branch.withLock { $0.lineage }
            let workload: any DashboardWorkload
            var from = "seed \(settings.seed)"
            if let spare = spare.take(lineage: lineage, atOrBefore: target) {
                workload = spare.workload
                workload.catchUp(with: record)
                from += ", on from t=\(Format.virtualTime(spare.at, milliseconds: true))"
            } else {
                workload = Self.resume(run, record, seed: settings.seed)
            }
            Self.run(workload, until: target)
            status = "back to t=\(Format.virtualTime(target, milliseconds: true)) (re-executed from \(from))"
            return (workload, run.number)
        }
        return status
    }

    /// Moves the spare to the middle of the current branch, in the background (see `SpareRun`).
    private func refreshSpare() {
        let run = run
        let now = run.runtime.now.sinceStart
        let (lineage, ahead, end) = branch.withLock { ($0.lineage, $0.ahead, $0.ahead == nil ? now : $0.end) }
        let seed = settings.seed
        spare.refresh(
            lineage: lineage, end: end, record: { ahead ?? run.workload.record },
            prepare: { record in Self.resume(run, record, seed: seed) })
    }

    /// A fresh workload re-executing `record` as `run` goes on (live, or inside a playback),
    /// started: going back's re-execution, whether it runs now or as the spare.
    private static func resume(_ run: Run, _ record: RecordFile, seed: UInt64) -> any DashboardWorkload {
        let workload = run.workload.resuming(record)
        start(workload, scenario: run.scenario, seed: seed, policy: run.policy.description)
        return workload
    }

    /// Moves the spare to the middle of the current branch now and waits for it: going back as
    /// a session that has run a while does (the benchmark, the tests).
    public func readySpare() {
        refreshSpare()
        spare.settle()
    }

    /// Runs the current run headless, unpaced, to `instant` (past the branch's end, it goes on
    /// live; a playback stops at its record's end): a long session in a moment, for the tests
    /// and the benchmark.
    public func runAhead(to instant: Duration) {
        let target = settings.playback.map { min(instant, $0.replayDuration) } ?? instant
        replaceRun { run in
            if target > run.runtime.now.sinceStart { Self.run(run.workload, until: target) }
            return nil
        }
        settleBranch()
    }

    /// A digest of the current run's state (see `ScenarioSession.stateDigest`), taken with the
    /// driver stopped.
    public func stateDigest() -> String {
        var digest = ""
        replaceRun { run in
            digest = run.workload.stateDigest()
            return nil
        }
        return digest
    }

    /// Stops the driver, lets `body` work on the run from this thread, and drives on (paused or
    /// running, at the same speed) either the same runtime or the workload `body` returned in its
    /// place, which then records to the file number given with it.
    private func replaceRun(_ body: (Run) -> (any DashboardWorkload, number: Int)?) {
        var run = run
        let (speed, paused) = (run.driver.speed, run.driver.isPaused)
        run.driver.stop()
        if let (workload, number) = body(run) {
            run = drive(
                workload, scenario: run.scenario, speed: speed, paused: paused, policy: run.policy, number: number)
        } else {
            run.driver = makeDriver(run.workload, speed: speed, paused: paused)
        }
        current.withLock { $0 = run }
    }

    /// A run that went back and then on past where its branch had reached is that branch's end
    /// again, with something new: it records from here on, to the next file.
    private func settleBranch() {
        let behind = branch.withLock { state in state.ahead == nil ? nil : state.end }
        guard let end = behind, settings.playback == nil, run.runtime.now.sinceStart > end else { return }
        replaceRun { run in
            if let path = leaveBranch(run) {
                run.context.events.info(nil, "past the branch's end: the run goes on live, recorded to \(path)")
            }
            return nil
        }
    }

    /// A key pressed behind the branch's end starts a new branch at the current instant: what
    /// the old branch did after it is dropped from the run and its record. The old branch stays
    /// whole in the file it was recorded to (it was finished when the run first went back).
    private func startBranchIfBehind() {
        guard branch.withLock({ $0.ahead != nil }) else { return }
        replaceRun { run in
            let path = leaveBranch(run)
            let at = Format.virtualTime(run.runtime.now.sinceStart, milliseconds: true)
            run.context.events.info(
                nil,
                "new branch at t=\(at): the old branch's later keys are dropped from the run"
                    + (path.map { " (its record stays whole); this one is recorded to \($0)" } ?? ""))
            return nil
        }
    }

    /// The current run leaves the branch's record and records on to the next file, if the
    /// session records: returns that file.
    @discardableResult
    private func leaveBranch(_ run: Run) -> String? {
        let path = branch.withLock { state -> String? in
            state.ahead = nil
            state.marks = []
            state.lineage += 1
            guard let base = settings.recordPath else { return nil }
            defer { state.nextNumber += 1 }
            return EngineWorkload.recordPath(base, run: state.nextNumber)
        }
        run.workload.leaveRecord(recordingTo: path)
        return path
    }

    /// Stops the run for good and returns what went wrong while it stopped (the trust store's
    /// final save failing, say), which the terminal never showed: the caller says it once the
    /// terminal is back, so quitting never loses data silently.
    @discardableResult
    public func shutdown() -> [String] {
        guard current.withLock({ $0 != nil }) else { return [] }
        settleBranch()
        guard
            let old = current.withLock({ state -> Run? in
                defer { state = nil }
                return state
            })
        else { return [] }
        spare.close()
        let before = old.context.events.recordedCount
        Self.stop(old)
        return old.context.events.events()
            .filter { $0.sequence >= before && $0.level == .error }
            .map { [$0.subsystem?.title, $0.message].compactMap { $0 }.joined(separator: ": ") }
    }

    /// Stops the driver, ends the run's record, then unwinds the workload on this thread (the
    /// driver no longer runs the runtime), so no task is left parked on a continuation that will
    /// never resume.
    private static func stop(_ run: Run) {
        run.driver.stop()
        stop(run.workload)
    }

    private static func stop(_ workload: any DashboardWorkload) {
        workload.finish()
        workload.runtime.spawn("stop") { await workload.stop() }
        workload.runtime.runUntilQuiescent(limit: stopLimit)
    }
}
