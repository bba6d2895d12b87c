import Backpressure
import DequeModule
import Synchronization

/// Runs jobs one at a time, in the order they were enqueued, on whichever thread drives it.
///
/// It is the task executor every deterministic task prefers, so its nonisolated code and its
/// child tasks land here. Jobs run as plain task-executor jobs, not isolated to a serial
/// executor: were they isolated, every call into a nonisolated async function would count as a
/// hop, requeue the task and reorder the run. Jobs may be enqueued from any thread; they run only
/// when the owning `DeterministicRuntime` drives.
final class DeterministicExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: all mutable state is behind the lock; `UnownedJob` is a handle the runtime
    // lets us move between threads.
    private let queue = LockedState(Deque<UnownedJob>())
    /// Jobs run since start: a cheap fingerprint of progress for traces and tests.
    private let executed = Atomic<Int>(0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
    }

    /// Runs queued jobs (including those they enqueue) until none is left; returns how many ran.
    @discardableResult
    func drain() -> Int {
        var ran = 0
        while let job = queue.withLock({ $0.popFirst() }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
            ran += 1
        }
        executed.wrappingAdd(ran, ordering: .relaxed)
        return ran
    }

    var hasJobs: Bool { !queue.withLock { $0.isEmpty } }
    var jobsExecuted: Int { executed.load(ordering: .relaxed) }
}
