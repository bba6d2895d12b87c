import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios

/// The compare host (`stallscope dashboard --policy A --compare B`): two runs of one scenario,
/// seed and parameters, side A under one policy and side B under another, each on a runtime of its
/// own, advanced by one `LockstepDriver` so they always stand at the same virtual instant. Pause,
/// step and speed act on both; a key reaches both at the same instant, each side reading the
/// command from its own engine (a key's label and action can differ between policies); `r`
/// restarts both. `g` is off: the sides are the two policies of the command line, and pressing it
/// says so in the status line.
public final class CompareHost: ComparingDashboardHost {
    public struct Settings: Sendable {
        public var scenario: String
        /// Side A's policy, then side B's.
        public var policies: [PolicySelection]
        public var seed: UInt64
        public var speed: Double
        /// How often the dashboard draws: the driver catches both engines up once per frame.
        public var frameInterval: Duration
        /// Start paused at virtual time zero (the tests' deterministic start).
        public var startsPaused: Bool

        public init(
            scenario: String, policies: [PolicySelection], seed: UInt64, speed: Double, frameInterval: Duration,
            startsPaused: Bool = false
        ) {
            precondition(policies.count == CompareHost.sideCount, "a comparison has two sides")
            self.scenario = scenario
            self.policies = policies
            self.seed = seed
            self.speed = speed
            self.frameInterval = frameInterval
            self.startsPaused = startsPaused
        }
    }

    /// Two sides: A (`--policy`) and B (`--compare`).
    public static let sideCount = 2

    /// Builds one side's workload of one run on a fresh runtime seeded with the settings' seed:
    /// called for each side at start and again on restart (run 0, then 1, 2, ...).
    public typealias WorkloadFactory = @Sendable (_ side: Int, PolicySelection, _ run: Int) -> any DashboardWorkload

    struct Run: Sendable {
        let driver: LockstepDriver
        let workloads: [any DashboardWorkload]
        let number: Int
    }

    /// Everything a frame can change with: what `revision` watches.
    private struct Progress: Equatable {
        var run: Int
        var virtualTime: RuntimeInstant
        var jobsExecuted: [Int]
        var commandsPerformed: [Int]
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
        current.withLock { $0 = launch(speed: settings.speed, paused: settings.startsPaused, number: 0) }
    }

    /// Where side `side`'s record of run `run` goes: `FILE` with the side's name before the
    /// extension (`demo.A.jsonl`, `demo.B.jsonl`), then numbered as a single dashboard's restarts
    /// are (`demo.A.2.jsonl`).
    public static func recordPath(_ base: String, side: Int, run: Int) -> String {
        let name = CompareScreen.sideNames[side]
        let url = URL(fileURLWithPath: base)
        let sided =
            url.pathExtension.isEmpty
            ? base + "." + name
            : String(base.dropLast(url.pathExtension.count)) + name + "." + url.pathExtension
        return EngineWorkload.recordPath(sided, run: run)
    }

    private func launch(speed: Double, paused: Bool, number: Int) -> Run {
        let workloads = settings.policies.indices.map { makeWorkload($0, settings.policies[$0], number) }
        for workload in workloads {
            precondition(workload.runtime.seed == settings.seed, "both sides replay from the host's seed")
        }
        let driver = LockstepDriver(
            runtimes: workloads.map(\.runtime), speed: speed, schedules: workloads.map(\.schedule),
            wallSlice: settings.frameInterval)
        driver.setPaused(paused)
        // Start the workloads' tasks before the driver thread exists: this thread is the only one
        // touching the runtimes until `driver.start()`.
        for (side, workload) in workloads.enumerated() {
            workload.start()
            workload.runtime.runUntilIdle()
            workload.context.events.info(
                nil,
                "started \(settings.scenario) (seed \(settings.seed), policy \(settings.policies[side])), "
                    + "side \(CompareScreen.sideNames[side]) of a comparison")
        }
        driver.start()
        return Run(driver: driver, workloads: workloads, number: number)
    }

    var run: Run {
        guard let run = current.withLock({ $0 }) else { preconditionFailure("host used after shutdown") }
        return run
    }

    /// The instant both sides stand at.
    public var virtualTime: Duration { run.driver.now.sinceStart }

    public func comparedFrames() -> [DashboardFrame] {
        let run = run
        // One instant for both headers: the driver's, which both runtimes had reached.
        let now = run.driver.now.sinceStart
        let (speed, isPaused) = (run.driver.speed, run.driver.isHalted)
        return zip(run.workloads, settings.policies).map { workload, policy in
            let (readings, groups) = workload.context.instruments.readingsAndGroups()
            var frame = DashboardFrame(
                scenario: settings.scenario, policy: policy.description, seed: settings.seed, speed: speed,
                isPaused: isPaused, virtualTime: now, resources: readings, groups: groups,
                events: workload.context.events.recent(RuntimeHost.eventsPerFrame).map(EventLine.init),
                commands: commands(of: workload))
            workload.contribute(to: &frame)
            return frame
        }
    }

    public var compareNote: String? {
        settings.policies[0] == settings.policies[1] ? "both sides run policy \(settings.policies[0])" : nil
    }

    /// Side A's frame, for anything that shows one run.
    public func frame() -> DashboardFrame { comparedFrames()[0] }

    public var revision: Int {
        let run = run
        let progress = Progress(
            run: run.number, virtualTime: run.driver.now, jobsExecuted: run.workloads.map(\.runtime.jobsExecuted),
            commandsPerformed: run.workloads.map(\.commandsPerformed), speed: run.driver.speed,
            isPaused: run.driver.isHalted)
        return revisions.withLock { state in
            if state.seen != progress {
                state.seen = progress
                state.revision += 1
            }
            return state.revision
        }
    }

    /// Side A's keys (the labels are A's, each side reads its own action when pressed), `g` off.
    public var commands: [CommandHint] { commands(of: run.workloads[0]) }

    /// `g` as the compare screen offers it: pressed, it only says why it is off.
    static let policyOff = CommandHint(
        key: HostCommand.cyclePolicy.hint.key, label: "policy off",
        help: "off while comparing: the sides are --policy and --compare")

    private func commands(of workload: any DashboardWorkload) -> [CommandHint] {
        workload.commands.map { HostCommand(key: $0.key) == .cyclePolicy ? Self.policyOff : $0 }
    }

    /// The picker is off while comparing: the sides are the command line's, scenario included.
    public var scenarioPickerOff: String {
        "the picker is off while comparing: quit and start with another --scenario"
    }

    public func status(after key: Character) -> String? {
        HostCommand(key: key) == .cyclePolicy && commands.contains(Self.policyOff)
            ? "g is off while comparing: quit and start with another --policy or --compare" : nil
    }

    public func perform(_ key: Character, focus: DashboardFocus) {
        guard HostCommand(key: key) != .cyclePolicy, commands.contains(where: { $0.key == key }) else { return }
        let workloads = run.workloads
        run.driver.perform { _ in
            for workload in workloads { workload.perform(key, focus: focus) }
        }
    }

    public var isPaused: Bool { run.driver.isPaused }
    public func togglePause() { run.driver.togglePause() }
    public func step() { run.driver.step() }
    public var speed: Double { run.driver.speed }
    public func setSpeed(_ speed: Double) { run.driver.setSpeed(speed) }

    public func restart() {
        let old = run
        Self.stop(old)
        let fresh = launch(speed: old.driver.speed, paused: old.driver.isPaused, number: old.number + 1)
        current.withLock { $0 = fresh }
    }

    @discardableResult
    public func shutdown() -> [String] {
        guard
            let old = current.withLock({ state -> Run? in
                defer { state = nil }
                return state
            })
        else { return [] }
        let before = old.workloads.map(\.context.events.recordedCount)
        Self.stop(old)
        return zip(old.workloads, before).enumerated().flatMap { side, pair in
            let (workload, before) = pair
            return workload.context.events.events()
                .filter { $0.sequence >= before && $0.level == .error }
                .map {
                    ["side \(CompareScreen.sideNames[side])", $0.subsystem?.title, $0.message].compactMap { $0 }
                        .joined(separator: ": ")
                }
        }
    }

    /// As `RuntimeHost`'s stop, for each side: the driver stops, each record ends, then each
    /// workload unwinds on this thread.
    static func stop(_ run: Run) {
        run.driver.stop()
        for workload in run.workloads {
            workload.finish()
            workload.runtime.spawn("stop") { await workload.stop() }
            workload.runtime.runUntilQuiescent(limit: RuntimeHost.stopLimit)
        }
    }
}
