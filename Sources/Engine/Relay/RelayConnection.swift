import Backpressure

/// One connection carrying streams into a node over a hop. It owns a handle per stream it has
/// delivered fragments for, and dropping it cancels them all: the incident's `PeerConnection`
/// drop (pruning, keepalive timeout) that reached the relay's fork in `shared-cancel`.
final class RelayConnection: Sendable {
    /// Serial number of the connection on its hop (1 for the first, +1 per reconnect).
    let serial: Int

    private struct State {
        var handles: [Int: StreamHandle] = [:]
        var dropped = false
    }

    private let state = LockedState(State())

    init(serial: Int) {
        self.serial = serial
    }

    /// The handle this connection pushes stream `streamID` through, created on first use with
    /// its own sync state: a stream first seen on a reconnected connection gets a handle that
    /// does not share the relay's fork's wakers.
    func handle(for streamID: Int, buffer: FragmentBuffer, elements: Set<RelayFixElement>) -> StreamHandle {
        state.withLock { state in
            if let handle = state.handles[streamID] { return handle }
            let handle = StreamHandle(buffer: buffer, elements: elements)
            if state.dropped { handle.cancel(because: "connection \(serial) already dropped") }
            state.handles[streamID] = handle
            return handle
        }
    }

    /// Cancels every owned handle. Returns how many were live.
    @discardableResult
    func drop(because reason: String) -> Int {
        let owned = state.withLock { state -> [StreamHandle] in
            state.dropped = true
            return Array(state.handles.values)
        }
        // Cancelled outside the lock: cancelling wakes readers, which may come back here.
        var live = 0
        for handle in owned where !handle.isCancelled {
            handle.cancel(because: reason)
            live += 1
        }
        return live
    }

    /// Forgets a finished stream's handle without cancelling it.
    func release(_ streamID: Int) {
        _ = state.withLock { $0.handles.removeValue(forKey: streamID) }
    }

    var isDropped: Bool { state.withLock { $0.dropped } }
}
