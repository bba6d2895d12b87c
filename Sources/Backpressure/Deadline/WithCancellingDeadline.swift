import Synchronization

/// Runs `operation` as a child task and cancels it when `timeout` on `clock` has passed: the
/// deadline for an operation that awaits things outside this module.
///
/// Unlike `withDeadline`, which only interrupts this module's waits, expiry here cancels the
/// operation's task, so any await that honours cancellation ends (a `Task.sleep`, a socket read,
/// another library's lock). The price is a task group and two child tasks per call (about 5 us and
/// 17 allocations where `withDeadline` costs a few dozen nanoseconds and none).
///
/// **What expiry does.** The operation is cancelled and `DeadlineExceeded` is thrown once it has
/// unwound, so whatever it held (a semaphore permit, a reserved slot) has been released by then:
/// the next acquirer can have it. If the operation finishes first, its result or error is returned
/// and the timer is cancelled. An operation that ignores cancellation keeps the caller waiting
/// past the deadline.
///
/// **Fairness.** The operation's waits keep their own order; the deadline adds a child task, which
/// on a deterministic runtime is enqueued behind the jobs already queued (see Cost).
///
/// **Cancel safety.** Cancelling the caller cancels both the operation and the timer; the
/// operation's own error (usually `CancellationError`) is thrown.
///
/// **Cost.** On the global executor the operation runs as a child task started immediately on
/// the caller's thread, so an operation that never suspends has finished before anything else is
/// set up: no timer, no executor hop, no suspension of the caller. Only an operation that
/// suspends gets the timer, a second child sleeping on `clock` until the deadline (counted from
/// the call). On a task that prefers its own task executor (a deterministic runtime) the operation
/// is enqueued there instead and always gets the timer, so a replay keeps its job order; the
/// runtime's clock serves the timer from its timer queue.
///
/// **Errors.** Untyped: it throws the operation's own errors, or `DeadlineExceeded`.
///
/// **Metrics.** With a swift-metrics backend bootstrapped, each expiry counts in
/// `backpressure_deadline_expiries_total`, with `name` (by default, where the deadline is set) as
/// its dimension.
///
/// - Parameters:
///   - timeout: The most time the operation gets, counted from the call.
///   - clock: The clock the timeout runs on (`ContinuousClock()` in a service; the deterministic
///     runtime's virtual clock in stallscope's engine).
///   - name: What the expiry metric calls this deadline; by default, where it is set.
///   - fileID: With `line`, the default name; leave both to the compiler.
///   - line: See `fileID`.
///   - operation: The work to bound; it must honour cancellation.
@inlinable  // specialized in the caller: no generic metadata lookups on the ready path
public func withCancellingDeadline<C: Clock, Result: Sendable>(
    _ timeout: C.Duration,
    clock: C,
    name: String? = nil,
    fileID: String = #fileID,
    line: Int = #line,
    operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    // Counted from the call, not from the operation's first suspension.
    let deadline = clock.now.advanced(by: timeout)
    return try await withThrowingTaskGroup(of: DeadlineRace<Result>.self) { group in
        let race = DeadlineOperation(operation)
        // The child captures one reference, so its closure needs no context of its own.
        if currentTaskPrefersAnExecutor() {
            group.addTask { try await race.run() }
        } else {
            group.addImmediateTask { try await race.run() }
        }
        // An immediate start returns once the operation finished or first suspended: only an
        // operation still running needs the timer.
        if !race.hasEnded {
            group.addTask {
                try await clock.sleep(until: deadline, tolerance: nil)
                return .expired
            }
        }
        defer { group.cancelAll() }
        // The first child to finish decides; the other is cancelled and awaited when the group
        // ends.
        switch try await group.next() {
        case .finished(let value)?: return value
        case .expired?:
            DeadlineMetrics.recordExpiry(name: name ?? "\(fileID):\(line)")
            throw DeadlineExceeded()
        case nil: preconditionFailure("a deadline race without children")
        }
    }
}

/// Whether the current task runs on a task executor of its own choosing (a deterministic
/// runtime's) rather than the global one. There the operation is enqueued like any child and runs
/// in its turn: starting it at once would put it ahead of the jobs already queued and change the
/// order a replay depends on.
@usableFromInline
func currentTaskPrefersAnExecutor() -> Bool {
    withUnsafeCurrentTask { $0?.unownedTaskExecutor != nil }
}

@usableFromInline
enum DeadlineRace<Result: Sendable>: Sendable {
    case finished(Result)
    case expired
}

/// The operation of a `withCancellingDeadline` and whether it has ended yet. The end is recorded by the
/// operation's child, on another thread once it has suspended, so it is atomic.
@usableFromInline
final class DeadlineOperation<Result: Sendable>: Sendable {
    private let operation: @Sendable () async throws -> Result
    private let ended = Atomic<Bool>(false)

    @usableFromInline
    init(_ operation: @escaping @Sendable () async throws -> Result) {
        self.operation = operation
    }

    @usableFromInline
    var hasEnded: Bool { ended.load(ordering: .relaxed) }

    @usableFromInline
    func run() async throws -> DeadlineRace<Result> {
        defer { ended.store(true, ordering: .relaxed) }
        return .finished(try await operation())
    }
}
