/// Runs `operation` in the caller's task with a deadline of `timeout` on `clock` that this
/// module's waits honour: the deadline for an operation built from semaphores, channels, gates,
/// dirty signals and runtime-clock sleeps.
///
/// The deadline is cooperative. Nothing runs beside the operation: the deadline is bound to the
/// task (a task-local value) and every wait of this module that has to suspend arms a timer for
/// it on `clock`. When the timer fires, the wait is undone exactly as cancellation would undo it
/// and throws; `withDeadline` then throws `DeadlineExceeded`. Awaits outside this module (a
/// `Task.sleep`, a socket, another library) are not interrupted: for those use
/// `withCancellingDeadline`, which cancels a child task.
///
/// **What expiry does.** A semaphore acquire leaves the queue and gives back the permits it had
/// collected at the head; a channel send, reserve or receive leaves its queue (a send keeps its
/// element, which is dropped with the error); a gate's or dirty signal's waiter leaves; a sleep
/// ends. Permits, slots and elements the operation already holds are released as it unwinds, so
/// by the time `DeadlineExceeded` is thrown the next acquirer can have them. Work that is ready
/// is never interrupted: an acquire that finds a free permit takes it even after the deadline,
/// as tokio's `timeout` polls its future before its timer. An operation that throws any error
/// once its deadline has passed is reported as `DeadlineExceeded`.
///
/// **Fairness.** None added: the operation runs inline and its waits keep their FIFO places; a
/// wait that expires just leaves its queue.
///
/// **Cancel safety.** The operation runs in the caller's task, so cancelling the caller cancels
/// the operation's waits directly; their own error (for example `CancellationError`) is thrown.
///
/// **Nesting.** An inner `withDeadline` adds its deadline to the enclosing ones: a wait arms a
/// timer for each and the earliest ends it. Each level reports `DeadlineExceeded` only if its
/// own deadline has passed; otherwise it passes the error up to the level whose deadline it was.
///
/// **Cost.** A ready operation pays a clock read and a task-local binding (which lives in the
/// task's own allocator): no allocation, no task, no timer. Like any nonisolated `async` function
/// it runs its operation off the caller's actor, if the caller has one (not `nonisolated
/// (nonsending)`: `TaskLocal.withValue` would then convert the operation and hop to the generic
/// executor and back on every call, a fifth of the ready path's time). A wait that suspends arms one timer
/// per bound deadline (the deterministic runtime's clock serves it from its timer queue; any other
/// clock from a task that sleeps until the deadline) and disarms it when it resumes.
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
///   - operation: The work to bound; its waits on this module's primitives honour the deadline.
@inlinable  // specialized in the caller: no generic metadata lookups on the ready path
public func withDeadline<C: Clock, Result>(
    _ timeout: C.Duration,
    clock: C,
    name: String? = nil,
    fileID: String = #fileID,
    line: Int = #line,
    operation: () async throws -> Result
) async throws -> Result {
    // Counted from the call.
    let deadline = clock.now.advanced(by: timeout)
    let bound = BoundDeadline(clock: clock, instant: deadline, enclosing: BoundDeadline.current)
    do {
        return try await BoundDeadline.binding.withValue(bound, operation: operation)
    } catch {
        // A wait that expired threw its cancellation error; so did one that was cancelled, which
        // this deadline does not claim unless it has passed too.
        guard clock.now >= deadline else { throw error }
        DeadlineMetrics.recordExpiry(name: name ?? "\(fileID):\(line)")
        throw DeadlineExceeded()
    }
}
