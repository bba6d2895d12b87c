import Runtime

/// A handshake request waiting for an operator (or the approver) to decide.
public struct PendingRequest: Sendable, Equatable, Codable {
    public let nodeId: String
    public let publicKey: String?
    public let justification: String?
    public let receivedAt: RuntimeInstant
    /// Where the request came from (a network or relay); the per-source limit counts by it.
    public let source: String?

    public init(nodeId: String, publicKey: String?, justification: String?, receivedAt: RuntimeInstant, source: String?) {
        self.nodeId = nodeId
        self.publicKey = publicKey
        self.justification = justification
        self.receivedAt = receivedAt
        self.source = source
    }
}
