import Backpressure
import Runtime

/// Every task the accept subsystem spawned and that has not finished, so `stop()` can cancel
/// and join them all (per-connection tasks included) and none outlives the subsystem.
final class AcceptTaskSet: Sendable {
    private struct State {
        var running: [Int: RuntimeTask] = [:]
        /// Tasks that finished before `spawn` could record them (possible on the live runtime).
        var finishedEarly: Set<Int> = []
        var nextID = 0
        var stopping = false
    }

    private let runtime: any Runtime
    private let state = LockedState(State())

    init(runtime: any Runtime) {
        self.runtime = runtime
    }

    /// Spawns `body` unless the set is stopping; returns whether it was spawned.
    @discardableResult
    func spawn(_ name: String, _ body: @escaping @Sendable () async -> Void) -> Bool {
        let id: Int? = state.withLock { state in
            guard !state.stopping else { return nil }
            defer { state.nextID += 1 }
            return state.nextID
        }
        guard let id else { return false }
        let task = runtime.spawn(name) { [self] in
            await body()
            finished(id)
        }
        state.withLock { state in
            if state.finishedEarly.remove(id) == nil { state.running[id] = task }
        }
        return true
    }

    var count: Int { state.withLock { $0.running.count } }

    /// Refuses new tasks, then cancels and joins every running one until none is left.
    func stop() async {
        state.withLock { $0.stopping = true }
        while true {
            let tasks = state.withLock { Array($0.running.values) }
            guard !tasks.isEmpty else { return }
            for task in tasks { task.cancel() }
            for task in tasks { await task.join() }
        }
    }

    private func finished(_ id: Int) {
        state.withLock { state in
            if state.running.removeValue(forKey: id) == nil { state.finishedEarly.insert(id) }
        }
    }
}
