import Backpressure

/// The per-handle half of a stream handle: the cancelled flag (with why) and the handle's own
/// wakers. In `shared-cancel` a fork shares this object with the original, which is how an
/// upstream drop reaches the relay's fork; in `fixed` every fork has its own.
final class StreamSyncState: Sendable {
    private let cancellation: LockedState<String?>
    let wakers = WakeupList()

    init(cancelledBecause reason: String? = nil) {
        cancellation = LockedState(reason)
    }

    /// Why the handle was cancelled, or nil while it is live.
    var cancelReason: String? { cancellation.withLock { $0 } }

    /// Marks the state cancelled (the first reason wins) and wakes its wakers. Returns false if
    /// it already was.
    @discardableResult
    func cancel(because reason: String) -> Bool {
        let first = cancellation.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        if first { wakers.notifyAll() }
        return first
    }
}
