/// A deadline as an instant on the clock it was given, bound by `withDeadline` for the waits
/// below it. Small enough for a clock such as `ContinuousClock` to sit in the existential's inline
/// buffer, so binding it allocates nothing.
@usableFromInline
struct ClockDeadline<C: Clock>: DeadlineInstant {
    let clock: C
    let instant: C.Instant

    @usableFromInline
    init(clock: C, instant: C.Instant) {
        self.clock = clock
        self.instant = instant
    }

    @usableFromInline
    func armTimer(expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        if let timerClock = clock as? any DeadlineTimerClock {
            return arm(on: timerClock, expire: expire)
        }
        // Any other clock: a task that sleeps until the deadline, cancelled when the wait ends
        // first. Detached, so it copies no task-local values and starts on the global executor.
        let clock = self.clock
        let instant = self.instant
        let sleeper = Task.detached {
            do {
                try await clock.sleep(until: instant, tolerance: nil)
            } catch {
                return  // disarmed
            }
            expire()
        }
        return DeadlineTimer { sleeper.cancel() }
    }

    private func arm<T: DeadlineTimerClock>(on timerClock: T, expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        // `T` is `C`, opened from the existential, so the instant has its type.
        timerClock.armDeadlineTimer(at: instant as! T.Instant, expire: expire)
    }
}
