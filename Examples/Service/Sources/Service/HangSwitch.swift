import ServiceLifecycle
import Synchronization

/// Makes the next N `/work` handlers hang while they hold their permit, until `release()`: a
/// stall on demand, to watch in `stallscope attach`.
///
/// A hung handler ignores cancellation on purpose, as a call into a library that never checks it
/// would: its deadline expires but cannot free the permit, and the permits panel shows the
/// holder ageing. Shutting down releases every hung handler, so the service can stop.
final class HangSwitch: Sendable {
    private struct State {
        var armed = 0
        var hung: [CheckedContinuation<Bool, Never>] = []
    }

    private let state = Mutex(State())

    /// The next `count` handlers to reach `holdIfArmed` hang.
    func arm(_ count: Int) {
        state.withLock { $0.armed += count }
    }

    /// Lets every hung handler go on and disarms the rest; returns how many were hung.
    @discardableResult
    func release() -> Int {
        let hung = state.withLock { state in
            state.armed = 0
            defer { state.hung = [] }
            return state.hung
        }
        // Resumed outside the lock: a resumed handler may run at once on this thread.
        for handler in hung { handler.resume(returning: true) }
        return hung.count
    }

    /// Hangs until `release()` when armed, and returns whether it hung.
    func holdIfArmed() async -> Bool {
        // The common case, not armed, costs one lock and no suspension.
        guard state.withLock({ $0.armed > 0 }) else { return false }
        return await withGracefulShutdownHandler {
            await withCheckedContinuation { (handler: CheckedContinuation<Bool, Never>) in
                let hangs = state.withLock { state in
                    // Armed is checked again under the lock: a release may have come meanwhile.
                    guard state.armed > 0 else { return false }
                    state.armed -= 1
                    state.hung.append(handler)
                    return true
                }
                if !hangs { handler.resume(returning: false) }
            }
        } onGracefulShutdown: {
            self.release()
        }
    }
}
