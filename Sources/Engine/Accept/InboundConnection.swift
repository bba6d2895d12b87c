import Backpressure
import Runtime

/// One client connection as both ends see it: the transport accepts it, the node registers it
/// and reads from it, the client waits on it for the node's identity reply.
///
/// Closing is idempotent and happens once: by the client giving up (identity exchange timed
/// out, session over), by the node refusing it (rate limit), or at shutdown.
public final class InboundConnection: Sendable {
    public let id: Int
    /// The remote address the per-source rate limit keys on.
    public let source: String
    /// When the client's connect completed: its identity exchange clock starts here.
    public let connectedAt: RuntimeInstant
    /// Opens when the identity exchange is settled: answered by the node's reader, or moot
    /// because the connection closed.
    let identitySettled: Gate
    /// Opens when the connection closes, so a reader parked on it ends.
    let closedSignal: Gate

    private struct State {
        var closedAt: RuntimeInstant?
        var identityAcknowledged = false
    }

    private let state = LockedState(State())

    init(id: Int, source: String, connectedAt: RuntimeInstant) {
        self.id = id
        self.source = source
        self.connectedAt = connectedAt
        self.identitySettled = Gate(name: "conn #\(id) identity", open: false)
        self.closedSignal = Gate(name: "conn #\(id) closed", open: false)
    }

    public var isOpen: Bool { state.withLock { $0.closedAt == nil } }
    public var identityAcknowledged: Bool { state.withLock { $0.identityAcknowledged } }

    /// The node's reply to the client's identity; false if the connection is already gone.
    func acknowledgeIdentity() -> Bool {
        let acknowledged = state.withLock { state -> Bool in
            guard state.closedAt == nil else { return false }
            state.identityAcknowledged = true
            return true
        }
        if acknowledged { identitySettled.open() }
        return acknowledged
    }

    /// Marks the connection closed; true only for the call that closed it, which then owns
    /// reporting the loss.
    func close(at instant: RuntimeInstant) -> Bool {
        let closedNow = state.withLock { state -> Bool in
            guard state.closedAt == nil else { return false }
            state.closedAt = instant
            return true
        }
        if closedNow {
            closedSignal.open()
            identitySettled.open()
        }
        return closedNow
    }
}
