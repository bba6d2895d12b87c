import Backpressure
import Dispatch

/// Blocking work for the deterministic runtime: it runs on a real (serial) thread at once, but
/// its caller is resumed only when the runtime is idle and asks for it, in submission order.
/// The real duration therefore never decides which job runs next.
final class BlockingWork: Sendable {
    private struct Pending {
        let id: UInt64
        let resume: @Sendable () -> Void
        var finished: Bool
    }

    private struct State {
        var pending: [Pending] = []
        var nextID: UInt64 = 0
    }

    private let queue: DispatchQueue
    private let state = LockedState(State())
    /// Signalled by the worker thread whenever a piece of work finishes.
    private let finished = DispatchSemaphore(value: 0)

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func submit<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Result, any Error>) in
            let outcome = LockedState<Swift.Result<Result, any Error>?>(nil)
            let id = state.withLock { state in
                defer { state.nextID += 1 }
                state.pending.append(
                    Pending(
                        id: state.nextID,
                        resume: {
                            continuation.resume(with: outcome.withLock { $0! })
                        }, finished: false))
                return state.nextID
            }
            queue.async { [self] in
                let result = Swift.Result { try work() }
                outcome.withLock { $0 = result }
                state.withLock { state in
                    if let index = state.pending.firstIndex(where: { $0.id == id }) {
                        state.pending[index].finished = true
                    }
                }
                finished.signal()
            }
        }
    }

    /// Waits for every outstanding piece of work, then resumes the callers in submission order.
    /// Returns false if there was none.
    func deliverAll() -> Bool {
        while true {
            let (count, allDone) = state.withLock { state in
                (state.pending.count, state.pending.allSatisfy(\.finished))
            }
            if count == 0 { return false }
            if allDone { break }
            finished.wait()
        }
        let ready = state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
        for entry in ready { entry.resume() }
        return true
    }
}
