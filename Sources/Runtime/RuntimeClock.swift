import Backpressure

/// The clock of a `Runtime`, usable wherever Swift expects a `Clock` (for example
/// `withDeadline(_:clock:operation:)`).
///
/// On a `DeterministicRuntime` it is virtual: sleeping registers a timer and time moves only when
/// nothing is runnable. On a `LiveRuntime` it follows the monotonic wall clock.
public struct RuntimeClock: Clock, DeadlineTimerClock, Sendable {
    public typealias Instant = RuntimeInstant

    let backend: any ClockBackend

    public var now: RuntimeInstant { backend.now }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Throws `CancellationError` if the task is cancelled before the deadline.
    public func sleep(until deadline: RuntimeInstant, tolerance: Duration? = nil) async throws {
        try await backend.sleep(until: deadline)
    }

    /// A `withDeadline` timer: the virtual clock fires it from its timer queue in its turn.
    package func armDeadlineTimer(at instant: RuntimeInstant, expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        backend.armDeadlineTimer(at: instant, expire: expire)
    }

    /// Stamps for instrumented primitives, on this clock.
    public var timeSource: TimeSource {
        let backend = self.backend
        return TimeSource { backend.now.sinceStart }
    }
}
