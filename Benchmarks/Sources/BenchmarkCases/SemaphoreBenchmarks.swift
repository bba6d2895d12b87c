import Backpressure

/// The semaphore cases on `AsyncSemaphore`, mirroring tokio-bench's loops.
enum SemaphoreBenchmarks {
    /// `acquire()` + drop on a free one-permit semaphore, one task: the uncontended path.
    @Sendable static func uncontended(ops: Int) async -> Duration {
        let semaphore = AsyncSemaphore(name: "bench", permits: 1)
        let start = ContinuousClock.now
        for _ in 0..<ops {
            _ = try! await semaphore.acquire()
        }
        let elapsed = start.duration(to: .now)
        precondition(semaphore.resourceSnapshot().invariantViolation == nil, "permits accounted for")
        return elapsed
    }

    /// `tryAcquire()` + drop on a free one-permit semaphore (never suspends).
    @Sendable static func tryAcquire(ops: Int) async -> Duration {
        let semaphore = AsyncSemaphore(name: "bench", permits: 1)
        let start = ContinuousClock.now
        for _ in 0..<ops {
            _ = try! semaphore.tryAcquire()
        }
        let elapsed = start.duration(to: .now)
        precondition(semaphore.resourceSnapshot().invariantViolation == nil, "permits accounted for")
        return elapsed
    }

    /// `acquireMany(64)` + drop on a 64-permit semaphore (takes them all).
    @Sendable static func acquireMany64(ops: Int) async -> Duration {
        let semaphore = AsyncSemaphore(name: "bench", permits: 64)
        let start = ContinuousClock.now
        for _ in 0..<ops {
            _ = try! await semaphore.acquireMany(64)
        }
        let elapsed = start.duration(to: .now)
        precondition(semaphore.resourceSnapshot().invariantViolation == nil, "permits accounted for")
        return elapsed
    }

    /// Two tasks share a one-permit semaphore; each acquires, yields while holding the permit (so
    /// the other queues up) and releases. `ops` counts the acquires of both.
    @Sendable static func contendedTwoTasks(ops: Int) async -> Duration {
        precondition(ops % 2 == 0, "ops must be even")
        let semaphore = AsyncSemaphore(name: "bench", permits: 1)
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<ops / 2 {
                        let permit = try! await semaphore.acquire()
                        await Task.yield()
                        _ = consume permit
                    }
                }
            }
        }
        let elapsed = start.duration(to: .now)
        precondition(semaphore.resourceSnapshot().invariantViolation == nil, "permits accounted for")
        precondition(semaphore.snapshot().acquisitions == ops, "an acquire went missing")
        return elapsed
    }
}
