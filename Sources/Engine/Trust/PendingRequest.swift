import Runtime

/// A handshake request waiting for an operator (or the approver) to decide.
public struct PendingRequest: Sendable, Equatable, Codable {
    public let nodeId: String
    public let publicKey: String?
    public let justification: String?
    public let receivedAt: RuntimeInstant
    /// Where the request came from (a network or relay); the per-source limit counts by it.
    public let source: String?

    public init(nodeId: String, publicKey: String?, justification: String?, receivedAt: RuntimeInstant, source: String?)
    {
        self.nodeId = nodeId
        self.publicKey = publicKey
        self.justification = justification
        self.receivedAt = receivedAt
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case nodeId, publicKey, justification, receivedAt, source
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeId = try container.decode(String.self, forKey: .nodeId)
        publicKey = try container.decodeIfPresent(String.self, forKey: .publicKey)
        justification = try container.decodeIfPresent(String.self, forKey: .justification)
        receivedAt = try container.decodeInstant(forKey: .receivedAt)
        source = try container.decodeIfPresent(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodeId, forKey: .nodeId)
        try container.encodeIfPresent(publicKey, forKey: .publicKey)
        try container.encodeIfPresent(justification, forKey: .justification)
        try container.encodeInstant(receivedAt, forKey: .receivedAt)
        try container.encodeIfPresent(source, forKey: .source)
    }
}
