import Backpressure
import DequeModule
import Dispatch

/// A single-threaded runtime with a virtual clock and a seeded random source: the same seed and
/// the same inputs replay the same run, job for job.
///
/// Nothing runs until a driver method is called, on any one thread at a time:
/// - `runUntilIdle()` runs every runnable job, without moving time;
/// - `run(until:)` / `run(for:)` also fire timers, advancing virtual time to each timer's
///   deadline only when nothing is runnable, and finally to the target;
/// - `runUntilQuiescent()` keeps going while timers remain; `step()` fires the next instant.
///
/// Virtual time never moves while a job is runnable, and blocking work (see
/// `Runtime.blocking`) is awaited at idle points and delivered in submission order.
public final class DeterministicRuntime: Runtime {
    public let random: RandomSource
    public let clock: RuntimeClock
    let executor = DeterministicExecutor()
    private let timeline = VirtualTimeline()
    private let driving = LockedState(false)
    private let tasks = TaskCounter()
    private let blockingWork = BlockingWork(label: "stallscope.deterministic.blocking")

    public init(seed: UInt64) {
        self.random = RandomSource(seed: seed)
        self.clock = RuntimeClock(backend: timeline)
    }

    public var seed: UInt64 { random.seed }
    public var liveTasks: Int { tasks.value }
    public var jobsExecuted: Int { executor.jobsExecuted }
    public var pendingTimers: Int { timeline.armedTimers }
    public var blockingAdvancesClock: Bool { false }

    // MARK: Runtime

    @discardableResult
    public func spawn(_ name: String, _ operation: @escaping @Sendable () async -> Void) -> RuntimeTask {
        let body = tasks.wrap(operation)
        return RuntimeTask(name: name, task: Task(name: name, executorPreference: executor) { await body() })
    }

    public func blocking<Result: Sendable>(
        _ name: String, _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await blockingWork.submit(work)
    }

    // MARK: Driving

    /// Runs every runnable job (and delivers finished blocking work) without moving time.
    public func runUntilIdle() {
        drive { settle() }
    }

    /// Runs until virtual time reaches `target`, firing every timer due on the way.
    public func run(until target: RuntimeInstant) {
        drive {
            settle()
            while let due = nextDeadline(), due <= target {
                fire(at: due)
            }
            if target > timeline.now { timeline.advance(to: target) }
        }
    }

    public func run(for duration: Duration) {
        run(until: now.advanced(by: duration))
    }

    /// Runs until `target`, stopping at every instant `schedule` asks for (at or before
    /// `target`) so it can act there at an idle point, after everything that instant's timers
    /// woke. The headless runner and the paced dashboard both drive a scenario through this, so
    /// both apply its actions at the same points of the run.
    public func run(until target: RuntimeInstant, schedule: some InstantSchedule) {
        while let instant = schedule.nextInstant, instant <= target {
            run(until: instant)
            schedule.reach(self)
            runUntilIdle()
            if let next = schedule.nextInstant {
                precondition(next > instant, "a schedule must move past the instant it reached")
            }
        }
        run(until: target)
    }

    /// Runs until nothing is runnable and no timer is armed, or until `limit` of virtual time has
    /// passed. Returns true if the runtime became quiescent.
    @discardableResult
    public func runUntilQuiescent(limit: Duration = .seconds(86_400)) -> Bool {
        let horizon = now.advanced(by: limit)
        return drive {
            settle()
            while let due = nextDeadline() {
                guard due <= horizon else {
                    timeline.advance(to: horizon)
                    return false
                }
                fire(at: due)
            }
            return true
        }
    }

    /// Runs until `condition` holds at an idle point, or `limit` of virtual time has passed.
    /// Returns whether the condition held. The condition runs on the driving thread between jobs.
    @discardableResult
    public func run(until condition: () -> Bool, limit: Duration) -> Bool {
        let horizon = now.advanced(by: limit)
        return drive {
            settle()
            while !condition() {
                guard let due = nextDeadline(), due <= horizon else {
                    if horizon > timeline.now { timeline.advance(to: horizon) }
                    return condition()
                }
                fire(at: due)
            }
            return true
        }
    }

    /// Fires the timers of the next instant and runs what they wake. Returns false if no timer
    /// was armed (nothing can happen without outside input).
    @discardableResult
    public func step() -> Bool {
        drive {
            settle()
            guard let due = nextDeadline() else { return false }
            fire(at: due)
            return true
        }
    }

    /// Like `step()`, also stopping at `schedule`'s next instant when that comes first.
    @discardableResult
    public func step(schedule: some InstantSchedule) -> Bool {
        let candidates = [nextTimer, schedule.nextInstant].compactMap { $0 }
        guard let next = candidates.min() else { return false }
        run(until: max(next, now), schedule: schedule)
        return true
    }

    /// When the next timer fires, if any.
    public var nextTimer: RuntimeInstant? {
        timeline.nextDeadline()
    }

    private func drive<R>(_ body: () -> R) -> R {
        driving.withLock { driving in
            precondition(!driving, "a deterministic runtime is driven from one place at a time")
            driving = true
        }
        defer { driving.withLock { $0 = false } }
        return body()
    }

    private func nextDeadline() -> RuntimeInstant? {
        timeline.nextDeadline()
    }

    /// Moves time to `instant` (only ever at an idle point) and wakes what is due.
    private func fire(at instant: RuntimeInstant) {
        precondition(!executor.hasJobs, "virtual time advanced while a job was runnable")
        timeline.advance(to: instant)
        settle()
    }

    /// Runs jobs until none is left and no blocking work is outstanding.
    private func settle() {
        while true {
            executor.drain()
            // Idle: deliver finished blocking work, in submission order, then go again.
            guard blockingWork.deliverAll() else { return }
        }
    }
}
