import Backpressure

/// Virtual time and its armed sleeps: the backend of a deterministic runtime's clock.
///
/// Time only moves when the runtime calls `advance(to:)`, which it does at idle points.
final class VirtualTimeline: ClockBackend {
    private struct State {
        var now = RuntimeInstant.start
        var timers = TimerQueue()
    }

    private let state = LockedState(State())

    var now: RuntimeInstant { state.withLock { $0.now } }
    var armedTimers: Int { state.withLock { $0.timers.count } }

    func sleep(until deadline: RuntimeInstant) async throws {
        let id = state.withLock { $0.timers.makeID() }
        // A `withDeadline` bound on the task ends the sleep early, as cancellation does.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enum Then { case armed, due, cancelled }
                // `Task.isCancelled` is read under the lock the cancellation handler takes, so a
                // cancellation is either seen here or finds the armed timer.
                let then: Then = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .due }
                    state.timers.arm(id: id, deadline: deadline, wakeup: .sleeper(continuation))
                    return .armed
                }
                switch then {
                case .armed: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in wake(id) }
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            wake(id)
        }
    }

    /// Ends a sleep that was cancelled or whose deadline passed, if it is still armed.
    private func wake(_ id: UInt64) {
        if case .sleeper(let continuation)? = state.withLock({ $0.timers.disarm(id: id) }) {
            continuation.resume(throwing: CancellationError())
        }
    }

    /// Arms a deadline's timer in the same queue as the sleeps, so that it fires in its turn; one
    /// already due fires at once.
    func armDeadlineTimer(at instant: RuntimeInstant, expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        let id: UInt64? = state.withLock { state in
            if instant <= state.now { return nil }
            let id = state.timers.makeID()
            state.timers.arm(id: id, deadline: instant, wakeup: .expiry(expire))
            return id
        }
        guard let id else {
            expire()
            return DeadlineTimer {}
        }
        return DeadlineTimer { [self] in _ = state.withLock { $0.timers.disarm(id: id) } }
    }

    /// The earliest armed deadline.
    func nextDeadline() -> RuntimeInstant? {
        state.withLock { $0.timers.nextDeadline() }
    }

    /// Moves time to `instant` and resumes every sleeper due by then.
    func advance(to instant: RuntimeInstant) {
        let due = state.withLock { state in
            precondition(instant >= state.now, "virtual time went backwards")
            state.now = instant
            return state.timers.popDue(at: instant)
        }
        for wakeup in due {
            switch wakeup {
            case .sleeper(let continuation): continuation.resume()
            case .expiry(let expire): expire()
            }
        }
    }
}
