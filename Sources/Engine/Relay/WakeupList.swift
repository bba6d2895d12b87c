import Backpressure

/// A broadcast wakeup with two-phase listeners, like the `event_listener` crate: `register()`
/// first, then re-check the condition, then `wait(_:)`. A `notifyAll()` that lands between the
/// registration and the wait is kept in the listener, so the wait returns at once.
///
/// Used twice by the relay: as a buffer's data-available event (fired on every insert, whoever
/// pushed) and as a handle's own wakers (fired only by pushes through that handle's sync state).
/// Which of the two a reader parks on is the lost-wakeup difference of the ladder.
///
/// **Cancel safety.** A cancelled `wait(_:)` throws `CancellationError` and removes its listener.
final class WakeupList: Sendable {
    /// A registered listener; pass it to `wait(_:)` or `discard(_:)` exactly once.
    struct Listener: Sendable, Hashable {
        fileprivate let id: UInt64
    }

    private enum Entry {
        case armed
        case notified
        case parked(UnsafeContinuation<Void, any Error>)
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 1
    }

    private let state = LockedState(State())

    func register() -> Listener {
        state.withLock { state in
            defer { state.nextID += 1 }
            state.entries[state.nextID] = .armed
            return Listener(id: state.nextID)
        }
    }

    func discard(_ listener: Listener) {
        _ = state.withLock { $0.entries.removeValue(forKey: listener.id) }
    }

    /// Returns once a `notifyAll()` has happened since `listener` was registered.
    func wait(_ listener: Listener) async throws {
        let id = listener.id
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enum Then { case parked, notified, cancelled }
                // `Task.isCancelled` is read under the lock the cancellation handler takes, so a
                // cancellation either is seen here or finds the parked continuation.
                let then: Then = state.withLock { state in
                    guard let entry = state.entries[id] else {
                        preconditionFailure("waiting on a listener that was discarded or already used")
                    }
                    if case .notified = entry {
                        state.entries[id] = nil
                        return .notified
                    }
                    if Task.isCancelled {
                        state.entries[id] = nil
                        return .cancelled
                    }
                    state.entries[id] = .parked(continuation)
                    return .parked
                }
                switch then {
                case .parked: break
                case .notified: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let parked = state.withLock { state -> UnsafeContinuation<Void, any Error>? in
                guard case .parked(let continuation)? = state.entries[id] else { return nil }
                state.entries[id] = nil
                return continuation
            }
            parked?.resume(throwing: CancellationError())
        }
    }

    /// Wakes every parked listener and marks every armed one, so its coming wait returns at once.
    func notifyAll() {
        let woken = state.withLock { state -> [UnsafeContinuation<Void, any Error>] in
            var woken: [UnsafeContinuation<Void, any Error>] = []
            for (id, entry) in state.entries {
                switch entry {
                case .armed: state.entries[id] = .notified
                case .notified: break
                case .parked(let continuation):
                    woken.append(continuation)
                    state.entries[id] = nil
                }
            }
            return woken
        }
        // Resumed after unlocking: a woken task may run at once and register again.
        for continuation in woken { continuation.resume() }
    }

    /// Listeners currently parked (not merely registered).
    var parkedCount: Int {
        state.withLock { state in
            state.entries.values.reduce(0) { count, entry in
                if case .parked = entry { count + 1 } else { count }
            }
        }
    }
}
