/// Wall time, except that every sleep on it is counted (`timers`) and returns at once: a deadline
/// timer armed on it expires as soon as it is armed, so a deadline test on the global executor
/// waits for nothing. Shared by the live suites of `withDeadline` and `withCancellingDeadline`.
struct ExpiringClock: Clock {
    let timers = Recorder<String>()

    var now: ContinuousClock.Instant { .now }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        timers.append("armed")
        try Task.checkCancellation()
    }
}
