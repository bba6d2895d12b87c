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

        public init(
            scenario: String, policy: PolicySelection, seed: UInt64, speed: Double, frameInterval: Duration,
            startsPaused: Bool = false
        ) {
            self.scenario = scenario
            self.policy = policy
            self.seed = seed
            self.speed = speed
            self.frameInterval = frameInterval
            self.startsPaused = startsPaused
        }
    }

    /// Builds the workload of one run, on a fresh runtime seeded with the settings' seed. Called
    /// again on restart, with the policy then in force and the run's number (0, then 1, 2, ...).
    public typealias WorkloadFactory = @Sendable (PolicySelection, _ run: Int) -> any DashboardWorkload

    /// The most virtual time a stop may take to unwind the workload's tasks.
    public static let stopLimit: Duration = .seconds(60)
    /// Events read per frame: more than the tallest screen shows, so the filter has some to search.
    public static let eventsPerFrame = 500

    private struct Run: Sendable {
        let runtime: DeterministicRuntime
        let driver: PacedDriver
        let context: EngineContext
        let workload: any DashboardWorkload
        let policy: PolicySelection
        let number: Int
    }

    /// Everything a frame can change with: what `revision` watches.
    private struct Progress: Equatable {
        var run: Int
        var virtualTime: RuntimeInstant
        var jobsExecuted: Int
        var commandsPerformed: Int
        var speed: Double
        var isPaused: Bool
    }

    public let settings: Settings
    private let makeWorkload: WorkloadFactory
    private let current: LockedState<Run?>
    private let revisions = LockedState<(seen: Progress?, revision: Int)>((nil, 0))

    public init(settings: Settings, workload: @escaping WorkloadFactory) {
        self.settings = settings
        self.makeWorkload = workload
        self.current = LockedState(nil)
        current.withLock {
            $0 = launch(speed: settings.speed, paused: settings.startsPaused, policy: settings.policy, number: 0)
        }
    }

    private func launch(speed: Double, paused: Bool, policy: PolicySelection, number: Int) -> Run {
        let workload = makeWorkload(policy, number)
        let runtime = workload.runtime
        precondition(runtime.seed == settings.seed, "a run replays from the host's seed")
        let context = workload.context
        let driver = PacedDriver(
            runtime: runtime, speed: speed, schedule: workload.schedule, wallSlice: settings.frameInterval)
        driver.setPaused(paused)
        // Start the workload's tasks before the driver thread exists: this thread is the only one
        // touching the runtime until `driver.start()`.
        workload.start()
        runtime.runUntilIdle()
        context.events.info(nil, "started \(settings.scenario) (seed \(settings.seed), policy \(policy))")
        driver.start()
        return Run(
            runtime: runtime, driver: driver, context: context, workload: workload, policy: policy, number: number)
    }

    private var run: Run {
        guard let run = current.withLock({ $0 }) else { preconditionFailure("host used after shutdown") }
        return run
    }

    public func frame() -> DashboardFrame {
        let run = run
        // The groups' members are left to the channels panel, which reads the quiet ones in turns.
        let (readings, groups) = run.context.instruments.readingsAndGroups()
        var frame = DashboardFrame(
            scenario: settings.scenario, policy: run.policy.description, seed: settings.seed, speed: run.driver.speed,
            isPaused: run.driver.isHalted, virtualTime: run.runtime.now.sinceStart,
            resources: readings, groups: groups,
            events: run.context.events.recent(Self.eventsPerFrame).map(EventLine.init),
            commands: run.workload.commands)
        run.workload.contribute(to: &frame)
        return frame
    }

    public var revision: Int {
        let run = run
        // The job count moves only after the jobs it counts have run, so a frame taken after
        // reading it shows at least what it counts.
        let progress = Progress(
            run: run.number, virtualTime: run.runtime.now, jobsExecuted: run.runtime.jobsExecuted,
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

    private func restart(policy: PolicySelection) {
        let old = run
        Self.stop(old)
        let fresh = launch(speed: old.driver.speed, paused: old.driver.isPaused, policy: policy, number: old.number + 1)
        if policy != old.policy {
            fresh.context.events.info(nil, "policy \(old.policy) -> \(policy): restarted with the same seed")
        }
        current.withLock { $0 = fresh }
    }

    /// Stops the run for good and returns what went wrong while it stopped (the trust store's
    /// final save failing, say), which the terminal never showed: the caller says it once the
    /// terminal is back, so quitting never loses data silently.
    @discardableResult
    public func shutdown() -> [String] {
        guard
            let old = current.withLock({ state -> Run? in
                defer { state = nil }
                return state
            })
        else { return [] }
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
        let workload = run.workload
        workload.finish()
        run.runtime.spawn("stop") { await workload.stop() }
        run.runtime.runUntilQuiescent(limit: stopLimit)
    }
}
