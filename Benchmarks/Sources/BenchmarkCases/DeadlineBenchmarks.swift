import Backpressure

/// The timer cases: a deadline on a real clock around an operation that is ready at once, so the
/// deadline is set and dropped but never fires; and around waits that suspend, so each arms and
/// disarms a timer.
enum DeadlineBenchmarks {
    /// `timeout_ready`: the cooperative `withDeadline`, tokio's `timeout` around a ready future.
    @Sendable static func ready(ops: Int) async -> Duration {
        let clock = ContinuousClock()
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            sum &+= try! await withDeadline(.seconds(5), clock: clock) { i }
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "an operation's result went missing")
        return elapsed
    }

    /// `timeout_ready_cancelling`: the same with `withCancellingDeadline` (a task group and a
    /// child task per call).
    @Sendable static func readyCancelling(ops: Int) async -> Duration {
        let clock = ContinuousClock()
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            sum &+= try! await withCancellingDeadline(.seconds(5), clock: clock) { i }
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "an operation's result went missing")
        return elapsed
    }

    /// `timeout_semaphore_contended_2tasks`: `semaphore_contended_2tasks` with every acquire under
    /// a deadline, so each acquire that waits arms a timer on the real clock and disarms it when
    /// granted. Against `semaphore_contended_2tasks`, the cost of the slow path's timer.
    @Sendable static func contendedTwoTasks(ops: Int) async -> Duration {
        await contended(ops: ops) { semaphore in
            try! await withDeadline(.seconds(5), clock: ContinuousClock()) {
                let permit = try await semaphore.acquire()
                await Task.yield()
                _ = consume permit
            }
        }
    }

    /// `timeout_cancelling_semaphore_contended_2tasks`: the same with `withCancellingDeadline`.
    @Sendable static func cancellingContendedTwoTasks(ops: Int) async -> Duration {
        await contended(ops: ops) { semaphore in
            try! await withCancellingDeadline(.seconds(5), clock: ContinuousClock()) {
                let permit = try await semaphore.acquire()
                await Task.yield()
                _ = consume permit
            }
        }
    }

    private static func contended(
        ops: Int, _ step: @escaping @Sendable (AsyncSemaphore) async -> Void
    ) async -> Duration {
        precondition(ops % 2 == 0, "ops must be even")
        let semaphore = AsyncSemaphore(name: "bench", permits: 1)
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<ops / 2 { await step(semaphore) }
                }
            }
        }
        let elapsed = start.duration(to: .now)
        precondition(semaphore.resourceSnapshot().invariantViolation == nil, "permits accounted for")
        precondition(semaphore.snapshot().acquisitions == ops, "an acquire went missing")
        return elapsed
    }
}
