import Backpressure

/// What a `RuntimeClock` reads and waits on: the virtual timer queue or the wall clock.
protocol ClockBackend: Sendable {
    var now: RuntimeInstant { get }
    func sleep(until deadline: RuntimeInstant) async throws
    /// Calls `expire` once `instant` has passed, unless disarmed first (see `DeadlineTimerClock`).
    func armDeadlineTimer(at instant: RuntimeInstant, expire: @escaping @Sendable () -> Void) -> DeadlineTimer
}
