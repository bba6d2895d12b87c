import Backpressure
import Dispatch
import Foundation

/// Drives one or several `DeterministicRuntime`s on one thread, paced to the wall clock times a
/// speed factor, and keeps them at the same virtual instant: every advance takes each runtime to
/// the same target before the next look at the clock, pause or keys. The compare dashboard runs
/// its two engines this way, so a key reaches both at one instant; `PacedDriver` is the one-runtime
/// case the single dashboard runs. Virtual time stays exact; only when it is reached is paced.
///
/// Between two advances every runtime stands at `now` (asserted): pause, step, speed and actions
/// act on all of them. A step goes to the earliest next timer (or schedule instant) of any of
/// them, and at least `PacedDriver.minimumStep` on, so each runtime still fires every timer at its
/// own instant.
public final class LockstepDriver: Sendable {
    private struct State {
        var speed: Double
        var paused = false
        /// The driving thread has seen the pause and stopped advancing (`PacedDriver.isHalted`).
        var halted = false
        var stepsRequested = 0
        var stopped = false
        var actions: [@Sendable ([DeterministicRuntime]) -> Void] = []
        var wallAnchor = ContinuousClock.now
        var virtualAnchor = RuntimeInstant.start
        /// The instant every runtime stood at after the driving thread's last advance.
        var now = RuntimeInstant.start
    }

    public let runtimes: [DeterministicRuntime]
    /// Each runtime's schedule, by index (nil: none).
    private let schedules: [(any InstantSchedule)?]
    /// Each wake runs everything due up to the paced target, then sleeps one slice unless a
    /// key, a speed change or a stop wakes it. Virtual time stays exact (every timer fires at
    /// its own instant); only the wall moments it is reached at are rounded to a slice. The
    /// dashboard passes its frame interval: nobody sees the engine between two frames, and
    /// each wake costs cold caches (under `steady` at 1x, 10 ms slices cost the driver thread
    /// 1.7% of a core, 100 ms slices 1.0%).
    public let wallSlice: Duration
    /// The instant the driver never runs past (a recording opened in the dashboard ends there);
    /// nil for none.
    public let limit: RuntimeInstant?
    private let state: LockedState<State>
    private let wake = NSCondition()
    /// Set by `signal()` under `wake`'s lock, so a signal sent while the loop was busy is not lost.
    private nonisolated(unsafe) var signalled = false
    private let finished = DispatchSemaphore(value: 0)

    public init(
        runtimes: [DeterministicRuntime], speed: Double = 1, schedules: [(any InstantSchedule)?],
        wallSlice: Duration = PacedDriver.defaultWallSlice, limit: RuntimeInstant? = nil
    ) {
        precondition(!runtimes.isEmpty, "a lockstep driver needs a runtime")
        precondition(schedules.count == runtimes.count, "one schedule (or nil) per runtime")
        precondition(wallSlice > .zero, "a driver needs a positive wall slice")
        let start = runtimes[0].now
        precondition(runtimes.allSatisfy { $0.now == start }, "runtimes start in lockstep")
        self.runtimes = runtimes
        self.schedules = schedules
        self.wallSlice = wallSlice
        self.limit = limit
        self.state = LockedState(State(speed: PacedDriver.speedRange.clamp(speed), now: start))
    }

    /// Starts the driving thread.
    public func start() {
        let now = runtimes[0].now
        precondition(runtimes.allSatisfy { $0.now == now }, "runtimes start in lockstep")
        state.withLock { state in
            state.now = now
            state.wallAnchor = .now
            state.virtualAnchor = state.now
            state.halted = state.paused
        }
        let thread = Thread { [self] in loop() }
        thread.name = "stallscope.driver"
        thread.start()
    }

    /// Stops the driving thread and waits for it to leave the runtimes.
    public func stop() {
        state.withLock { $0.stopped = true }
        signal()
        finished.wait()
    }

    public var isPaused: Bool { state.withLock { $0.paused } }
    /// Whether the driver has stopped for the pause (`PacedDriver.isHalted`).
    public var isHalted: Bool { state.withLock { $0.halted } }
    public var speed: Double { state.withLock { $0.speed } }
    /// The instant every runtime stood at after the last advance.
    public var now: RuntimeInstant { state.withLock { $0.now } }

    public func setPaused(_ paused: Bool) {
        state.withLock { state in
            guard state.paused != paused else { return }
            state.paused = paused
            reanchor(&state)
        }
        signal()
    }

    public func togglePause() { setPaused(!isPaused) }

    /// While paused: every runtime to the earliest next instant of any, `minimumStep` on at least.
    public func step() {
        state.withLock { state in
            if state.paused { state.stepsRequested += 1 }
        }
        signal()
    }

    public func setSpeed(_ speed: Double) {
        state.withLock { state in
            state.speed = PacedDriver.speedRange.clamp(speed)
            reanchor(&state)
        }
        signal()
    }

    /// Runs `action` on the driving thread with every runtime at the current virtual instant;
    /// each runtime is run until idle afterwards.
    public func perform(_ action: @escaping @Sendable ([DeterministicRuntime]) -> Void) {
        state.withLock { $0.actions.append(action) }
        signal()
    }

    private func reanchor(_ state: inout State) {
        state.wallAnchor = .now
        state.virtualAnchor = state.now
    }

    private func signal() {
        wake.lock()
        signalled = true
        wake.broadcast()
        wake.unlock()
    }

    private func loop() {
        defer { finished.signal() }
        while true {
            let (stopped, actions, paused, steps, target) = state.withLock { state in
                defer {
                    state.actions.removeAll()
                    state.stepsRequested = 0
                }
                let elapsed = state.wallAnchor.duration(to: .now)
                let target = state.virtualAnchor.advanced(by: elapsed * state.speed)
                state.halted = state.paused
                return (state.stopped, state.actions, state.paused, state.stepsRequested, target)
            }
            // What the schedules have due at this instant comes before an operator's action at it,
            // as in a headless replay of the run. Actions submitted before a stop still run: a
            // key pressed just before quitting is carried out (and recorded).
            advance(to: runtimes[0].now)
            for action in actions {
                action(runtimes)
                for runtime in runtimes { runtime.runUntilIdle() }
            }
            if stopped { return }
            if paused {
                for _ in 0..<steps { fireNextInstant() }
                waitForSignal(upTo: .milliseconds(100))
                continue
            }
            advanceUnlessPaused(to: target)
            waitForSignal(upTo: wallSlice)
        }
    }

    /// Runs to `target` in `PacedDriver.pauseCheckInterval` steps, every runtime to each step's
    /// end before the next, stopping early when a pause, a stop or a key is waiting. Splitting
    /// changes nothing in the run: virtual time is exact.
    private func advanceUnlessPaused(to wanted: RuntimeInstant) {
        let target = limit.map { min(wanted, $0) } ?? wanted
        while runtimes[0].now < target {
            advance(to: min(target, runtimes[0].now.advanced(by: PacedDriver.pauseCheckInterval)))
            let interrupted = state.withLock { $0.paused || $0.stopped || !$0.actions.isEmpty }
            if interrupted { return }
        }
    }

    /// Every runtime to `target`, each stopping at its own schedule's instants on the way.
    private func advance(to target: RuntimeInstant) {
        for (runtime, schedule) in zip(runtimes, schedules) {
            if let schedule {
                runtime.run(until: target, schedule: schedule)
            } else {
                runtime.run(until: target)
            }
        }
        let now = runtimes[0].now
        assert(runtimes.allSatisfy { $0.now == now }, "runtimes left lockstep")
        state.withLock { $0.now = now }
    }

    /// One step moves virtual time to the earliest next timer (or schedule instant) of any
    /// runtime, and at least `minimumStep` further, firing everything due on the way. Timers are
    /// often microseconds apart, and a step that only reached the next of them moved the paused
    /// header's millisecond clock not at all: the operator pressed `.` and saw nothing happen.
    private func fireNextInstant() {
        let now = runtimes[0].now
        let least = now.advanced(by: PacedDriver.minimumStep)
        let next = (runtimes.map(\.nextTimer) + schedules.map { $0?.nextInstant }).compactMap { $0 }.min()
        let target = max(next ?? least, least)
        advance(to: limit.map { min(target, max($0, now)) } ?? target)
    }

    private func waitForSignal(upTo duration: Duration) {
        wake.lock()
        if !signalled { _ = wake.wait(until: Date(timeIntervalSinceNow: duration.seconds)) }
        signalled = false
        wake.unlock()
    }
}
