/// The transport's lifecycle events, consumed by the node's lifecycle monitor.
public enum ConnectionEvent: Sendable {
    case established(connectionID: Int, source: String)
    /// The connection closed; whatever the node registered for it must go.
    case lost(connectionID: Int)
}
