/// A clock that serves a deadline's timer itself, calling back at the instant instead of
/// resuming a sleeping task: the deterministic runtime's virtual clock, whose timer queue fires
/// the callback in its turn, so an expiry replays like any other timer.
///
/// Any other clock gets a task that sleeps on it until the deadline.
package protocol DeadlineTimerClock: Clock {
    /// Calls `expire` once `instant` has passed (at once if it has), unless disarmed first.
    func armDeadlineTimer(at instant: Instant, expire: @escaping @Sendable () -> Void) -> DeadlineTimer
}
