import Backpressure
import Runtime

/// tokio's `TaskTracker`: counts spawned tasks; `wait()` resolves only once the tracker is
/// closed AND empty. That second condition is the whole of the `tasktracker` step's deadlock:
/// its read arm waits on a tracker it never closes.
///
/// Also keeps the tracked tasks so a shutdown (or a teardown) can cancel them.
final class ColdTaskTracker: Sendable {
    private struct State {
        var tasks: [UInt64: RuntimeTask?] = [:]
        var isClosed = false
        /// Set by `cancelAll`: a task spawned concurrently is cancelled as soon as it is recorded.
        var isCancelled = false
        var waiters: [UInt64: UnsafeContinuation<Void, any Error>] = [:]
        var nextID: UInt64 = 1

        var isDone: Bool { isClosed && tasks.isEmpty }
    }

    let name: String
    private let state = LockedState(State())

    init(name: String) {
        self.name = name
    }

    var count: Int { state.withLock { $0.tasks.count } }
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Spawns `operation` on the runtime and tracks it until it returns.
    func spawn(on runtime: any Runtime, _ name: String, _ operation: @escaping @Sendable () async -> Void) {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.tasks[state.nextID] = .some(nil)
            return state.nextID
        }
        let task = runtime.spawn(name) { [self] in
            await operation()
            finished(id)
        }
        let cancel = state.withLock { state -> Bool in
            // The task may already be done (live runtime): only record it while it is tracked.
            if state.tasks[id] != nil { state.tasks[id] = task }
            return state.isCancelled
        }
        if cancel { task.cancel() }
    }

    func close() {
        resume(
            state.withLock {
                $0.isClosed = true
                return $0.isDone ? takeWaiters(&$0) : []
            })
    }

    func reopen() { state.withLock { $0.isClosed = false } }

    /// Cancels every tracked task (they still count until they return).
    func cancelAll() {
        let tasks = state.withLock { state in
            state.isCancelled = true
            return state.tasks.values.compactMap { $0 }
        }
        for task in tasks { task.cancel() }
    }

    /// Waits until the tracker is closed and empty. Cancellable.
    func wait() async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enum Then { case done, cancelled, queued }
                let then: Then = state.withLock { state in
                    if state.isDone { return .done }
                    if Task.isCancelled { return .cancelled }
                    state.waiters[id] = continuation
                    return .queued
                }
                switch then {
                case .done: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    private func finished(_ id: UInt64) {
        resume(
            state.withLock { state in
                state.tasks[id] = nil
                return state.isDone ? takeWaiters(&state) : []
            })
    }

    private func takeWaiters(_ state: inout State) -> [UnsafeContinuation<Void, any Error>] {
        defer { state.waiters.removeAll() }
        return Array(state.waiters.values)
    }

    private func resume(_ waiters: [UnsafeContinuation<Void, any Error>]) {
        for waiter in waiters { waiter.resume() }
    }
}
