/// Drives a `DeterministicRuntime` on its own thread, paced to the wall clock times a speed
/// factor: the dashboard's mode. Virtual time stays exact; only when it is reached is paced.
///
/// Pausing stops virtual time; `step()` (while paused) fires the next instant's timers. Actions
/// submitted with `perform(_:)` run on the driving thread at the current virtual instant,
/// between jobs, so an operator's key press lands at a well-defined point of the run and can be
/// recorded and replayed.
///
/// The one-runtime case of `LockstepDriver`, which holds the pacing; this type keeps the
/// single dashboard's vocabulary (one runtime, one schedule, actions on that runtime).
public final class PacedDriver: Sendable {
    /// The wall-clock slice a driver works in unless told otherwise (`init`'s `wallSlice`).
    public static let defaultWallSlice: Duration = .milliseconds(10)
    public static let speedRange: ClosedRange<Double> = 0.125...256
    /// The least a step moves virtual time: the paused header's resolution, one millisecond.
    public static let minimumStep: Duration = .milliseconds(1)
    /// How much virtual time the driver runs between looks at the pause: the most a pause can
    /// lag the key while the driver catches up with a busy slice.
    static let pauseCheckInterval: Duration = .milliseconds(10)

    public let runtime: DeterministicRuntime
    private let pacing: LockstepDriver

    /// `schedule`: instants the run must stop at exactly (a scenario's timeline, detector
    /// samples). `wallSlice` and `limit`: see `LockstepDriver`.
    public init(
        runtime: DeterministicRuntime, speed: Double = 1, schedule: (any InstantSchedule)? = nil,
        wallSlice: Duration = defaultWallSlice, limit: RuntimeInstant? = nil
    ) {
        self.runtime = runtime
        self.pacing = LockstepDriver(
            runtimes: [runtime], speed: speed, schedules: [schedule], wallSlice: wallSlice, limit: limit)
    }

    public var wallSlice: Duration { pacing.wallSlice }
    public var limit: RuntimeInstant? { pacing.limit }

    /// Starts the driving thread.
    public func start() { pacing.start() }
    /// Stops the driving thread and waits for it to leave the runtime.
    public func stop() { pacing.stop() }

    /// Whether a pause is asked for (`togglePause` flips it).
    public var isPaused: Bool { pacing.isPaused }
    /// Whether the driver has stopped for the pause: what a view should show as paused, since a
    /// run in flight when the pause was asked for finishes its slice first.
    public var isHalted: Bool { pacing.isHalted }
    public var speed: Double { pacing.speed }

    public func setPaused(_ paused: Bool) { pacing.setPaused(paused) }
    public func togglePause() { pacing.togglePause() }
    /// While paused: fire the next instant's timers, moving time by `minimumStep` at least.
    public func step() { pacing.step() }
    public func setSpeed(_ speed: Double) { pacing.setSpeed(speed) }

    /// Runs `action` on the driving thread at the current virtual instant.
    public func perform(_ action: @escaping @Sendable (DeterministicRuntime) -> Void) {
        pacing.perform { runtimes in action(runtimes[0]) }
    }
}

extension ClosedRange where Bound == Double {
    func clamp(_ value: Double) -> Double { Swift.min(Swift.max(value, lowerBound), upperBound) }
}
