import Synchronization

/// What Swift's default executor costs by itself, for the cases whose price is mostly its
/// wake-ups: the floor under any primitive that parks a task with a continuation, ours or
/// another. tokio's two-task cases run on its own scheduler, whose wake-up puts the woken task
/// in the waker's thread's next slot; ours go through the global executor (libdispatch on Linux)
/// like every Swift task, and no library chooses that for its caller.
enum ExecutorFloorBenchmarks {
    /// `semaphore_contended_2tasks`' loop on the least a FIFO hand-off can be: a lock, a queue of
    /// continuations and a resume on release. No counts, labels, cancellation, deadline or
    /// metrics, so what it costs is the executor's.
    @Sendable static func contendedHandOff(ops: Int) async -> Duration {
        precondition(ops % 2 == 0, "ops must be even")
        let baton = Baton()
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<ops / 2 {
                        await baton.take()
                        await Task.yield()
                        baton.give()
                    }
                }
            }
        }
        let elapsed = start.duration(to: .now)
        precondition(baton.handOffs + baton.freeTakes == ops, "a take went missing")
        return elapsed
    }

    /// One `Task.yield()` per op in one task: the executor's round trip that the contended
    /// semaphore loop makes once per acquire (tokio's loop makes its `yield_now` there).
    @Sendable static func yield(ops: Int) async -> Duration {
        let start = ContinuousClock.now
        for _ in 0..<ops { await Task.yield() }
        return start.duration(to: .now)
    }

    /// A one-holder FIFO hand-off: `take` waits behind earlier takers, `give` hands the baton to
    /// the oldest waiter or frees it.
    private final class Baton: Sendable {
        private struct State {
            var isHeld = false
            var waiters: [UnsafeContinuation<Void, Never>] = []
            var handOffs = 0
            var freeTakes = 0
        }
        private let state = Mutex(State())

        var handOffs: Int { state.withLock { $0.handOffs } }
        var freeTakes: Int { state.withLock { $0.freeTakes } }

        func take() async {
            let isFree = state.withLock { state in
                guard !state.isHeld else { return false }
                state.isHeld = true
                state.freeTakes += 1
                return true
            }
            if isFree { return }
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                let isFreeNow = state.withLock { state in
                    guard state.isHeld else {
                        state.isHeld = true
                        state.freeTakes += 1
                        return true
                    }
                    state.waiters.append(continuation)
                    return false
                }
                if isFreeNow { continuation.resume() }
            }
        }

        func give() {
            let next = state.withLock { state -> UnsafeContinuation<Void, Never>? in
                guard !state.waiters.isEmpty else {
                    state.isHeld = false
                    return nil
                }
                // Two tasks: the queue holds at most one, so removing the first is cheap.
                state.handOffs += 1
                return state.waiters.removeFirst()
            }
            next?.resume()
        }
    }
}
