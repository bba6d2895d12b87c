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
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enum Then { case armed, due, cancelled }
                // `Task.isCancelled` is read under the lock the cancellation handler takes, so a
                // cancellation is either seen here or finds the armed timer.
                let then: Then = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .due }
                    state.timers.arm(id: id, deadline: deadline, continuation: continuation)
                    return .armed
                }
                switch then {
                case .armed: break
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { $0.timers.disarm(id: id) }?.resume(throwing: CancellationError())
        }
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
        for continuation in due { continuation.resume() }
    }
}
