/// Runs `operation` and gives it at most `timeout` on `clock`.
///
/// On expiry the operation is cancelled and `DeadlineExceeded` is thrown once it has unwound,
/// so whatever it held (a semaphore permit, a reserved slot) has been released by then: the next
/// acquirer can have it. If the operation finishes first, its result or error is returned and the
/// timer is cancelled.
///
/// **Cancel safety.** Cancelling the caller cancels both the operation and the timer; the
/// operation's own error (usually `CancellationError`) is thrown.
///
/// The operation runs as a child task, so it must honour cancellation for the deadline to take
/// effect: every wait in this module does.
public func withDeadline<C: Clock, Result: Sendable>(
    _ timeout: C.Duration,
    clock: C,
    operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: DeadlineRace<Result>.self) { group in
        group.addTask { .finished(try await operation()) }
        group.addTask {
            try await clock.sleep(for: timeout)
            return .expired
        }
        defer { group.cancelAll() }
        // The first child to finish decides; the other is cancelled and awaited when the group
        // ends.
        switch try await group.next() {
        case .finished(let value)?: return value
        case .expired?: throw DeadlineExceeded()
        case nil: preconditionFailure("a deadline race without children")
        }
    }
}

enum DeadlineRace<Result: Sendable>: Sendable {
    case finished(Result)
    case expired
}

/// The operation did not finish before its deadline and was cancelled.
public struct DeadlineExceeded: Error, Equatable, Sendable {
    public init() {}
}
