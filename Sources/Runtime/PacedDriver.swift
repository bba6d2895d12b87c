import Backpressure
import Dispatch
import Foundation

/// Drives a `DeterministicRuntime` on its own thread, paced to the wall clock times a speed
/// factor: the dashboard's mode. Virtual time stays exact; only when it is reached is paced.
///
/// Pausing stops virtual time; `step()` (while paused) fires the next instant's timers. Actions
/// submitted with `perform(_:)` run on the driving thread at the current virtual instant,
/// between jobs, so an operator's key press lands at a well-defined point of the run and can be
/// recorded and replayed.
public final class PacedDriver: Sendable {
    /// The wall-clock slice a driver works in unless told otherwise (`init`'s `wallSlice`).
    public static let defaultWallSlice: Duration = .milliseconds(10)
    public static let speedRange: ClosedRange<Double> = 0.125...256

    private struct State {
        var speed: Double
        var paused = false
        /// The driving thread has seen the pause and stopped advancing: from here on virtual
        /// time stands (but for steps), so a view that says "paused" never shows it move.
        var halted = false
        var stepsRequested = 0
        var stopped = false
        var actions: [@Sendable (DeterministicRuntime) -> Void] = []
        /// The wall and virtual instants speed is measured from; reset on every speed change
        /// and resume, so a change never makes virtual time jump.
        var wallAnchor = ContinuousClock.now
        var virtualAnchor = RuntimeInstant.start
    }

    public let runtime: DeterministicRuntime
    /// Each wake runs everything due up to the paced target, then sleeps one slice unless a
    /// key, a speed change or a stop wakes it. Virtual time stays exact (every timer fires at
    /// its own instant); only the wall moments it is reached at are rounded to a slice. The
    /// dashboard passes its frame interval: nobody sees the engine between two frames, and
    /// each wake costs cold caches (under `steady` at 1x, 10 ms slices cost the driver thread
    /// 1.7% of a core, 100 ms slices 1.0%).
    public let wallSlice: Duration
    /// Instants the run must stop at exactly (a scenario's timeline, detector samples).
    private let schedule: (any InstantSchedule)?
    /// The instant the driver never runs past (a recording opened in the dashboard ends there);
    /// nil for none.
    public let limit: RuntimeInstant?
    private let state: LockedState<State>
    private let wake = NSCondition()
    /// Set by `signal()` under `wake`'s lock, so a signal sent while the loop was busy is not lost.
    private nonisolated(unsafe) var signalled = false
    private let finished = DispatchSemaphore(value: 0)

    public init(
        runtime: DeterministicRuntime, speed: Double = 1, schedule: (any InstantSchedule)? = nil,
        wallSlice: Duration = defaultWallSlice, limit: RuntimeInstant? = nil
    ) {
        precondition(wallSlice > .zero, "a driver needs a positive wall slice")
        self.limit = limit
        self.runtime = runtime
        self.wallSlice = wallSlice
        self.schedule = schedule
        self.state = LockedState(State(speed: Self.speedRange.clamp(speed)))
    }

    /// Starts the driving thread.
    public func start() {
        state.withLock { state in
            state.wallAnchor = .now
            state.virtualAnchor = runtime.now
            state.halted = state.paused
        }
        let thread = Thread { [self] in loop() }
        thread.name = "stallscope.driver"
        thread.start()
    }

    /// Stops the driving thread and waits for it to leave the runtime.
    public func stop() {
        state.withLock { $0.stopped = true }
        signal()
        finished.wait()
    }

    /// Whether a pause is asked for (`togglePause` flips it).
    public var isPaused: Bool { state.withLock { $0.paused } }
    /// Whether the driver has stopped for the pause: what a view should show as paused, since a
    /// run in flight when the pause was asked for finishes its slice first.
    public var isHalted: Bool { state.withLock { $0.halted } }
    public var speed: Double { state.withLock { $0.speed } }

    public func setPaused(_ paused: Bool) {
        state.withLock { state in
            guard state.paused != paused else { return }
            state.paused = paused
            reanchor(&state)
        }
        signal()
    }

    public func togglePause() { setPaused(!isPaused) }

    /// The least a step moves virtual time: the paused header's resolution, one millisecond.
    public static let minimumStep: Duration = .milliseconds(1)

    /// While paused: fire the next instant's timers, moving time by `minimumStep` at least.
    public func step() {
        state.withLock { state in
            if state.paused { state.stepsRequested += 1 }
        }
        signal()
    }

    public func setSpeed(_ speed: Double) {
        state.withLock { state in
            state.speed = Self.speedRange.clamp(speed)
            reanchor(&state)
        }
        signal()
    }

    /// Runs `action` on the driving thread at the current virtual instant.
    public func perform(_ action: @escaping @Sendable (DeterministicRuntime) -> Void) {
        state.withLock { $0.actions.append(action) }
        signal()
    }

    private func reanchor(_ state: inout State) {
        state.wallAnchor = .now
        state.virtualAnchor = runtime.now
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
            // What the schedule has due at this instant comes before an operator's action at it,
            // as in a headless replay of the run. Actions submitted before a stop still run: a
            // key pressed just before quitting is carried out (and recorded).
            run(until: runtime.now)
            for action in actions {
                action(runtime)
                runtime.runUntilIdle()
            }
            if stopped { return }
            if paused {
                for _ in 0..<steps { fireNextInstant() }
                waitForSignal(upTo: .milliseconds(100))
                continue
            }
            runUnlessPaused(until: target)
            waitForSignal(upTo: wallSlice)
        }
    }

    /// How much virtual time the driver runs between looks at the pause: the most a pause can
    /// lag the key while the driver catches up with a busy slice.
    static let pauseCheckInterval: Duration = .milliseconds(10)

    /// Runs to `target` in steps of `pauseCheckInterval`, stopping early when a pause, a stop or
    /// a key is waiting. Splitting changes nothing in the run: virtual time is exact.
    private func runUnlessPaused(until wanted: RuntimeInstant) {
        let target = limit.map { min(wanted, $0) } ?? wanted
        while runtime.now < target {
            run(until: min(target, runtime.now.advanced(by: Self.pauseCheckInterval)))
            let interrupted = state.withLock { $0.paused || $0.stopped || !$0.actions.isEmpty }
            if interrupted { return }
        }
    }

    private func run(until target: RuntimeInstant) {
        if let schedule {
            runtime.run(until: target, schedule: schedule)
        } else {
            runtime.run(until: target)
        }
    }

    /// One step moves virtual time to the next timer's (or schedule's) instant, and at least
    /// `minimumStep` further, firing everything due on the way. Timers are often microseconds
    /// apart, and a step that only reached the next of them moved the paused header's
    /// millisecond clock not at all: the operator pressed `.` and saw nothing happen.
    private func fireNextInstant() {
        let least = runtime.now.advanced(by: Self.minimumStep)
        let next = [runtime.nextTimer, schedule?.nextInstant].compactMap { $0 }.min()
        let target = max(next ?? least, least)
        run(until: limit.map { min(target, max($0, runtime.now)) } ?? target)
    }

    private func waitForSignal(upTo duration: Duration) {
        wake.lock()
        if !signalled { _ = wake.wait(until: Date(timeIntervalSinceNow: duration.seconds)) }
        signalled = false
        wake.unlock()
    }
}

extension ClosedRange where Bound == Double {
    func clamp(_ value: Double) -> Double { Swift.min(Swift.max(value, lowerBound), upperBound) }
}
