import Runtime

/// A peer whose key the node has approved.
public struct TrustedPeer: Sendable, Equatable, Codable {
    public let nodeId: String
    public let publicKey: String
    public let approvedAt: RuntimeInstant
    /// Both sides approved each other.
    public var mutual: Bool
    public let network: String?

    public init(nodeId: String, publicKey: String, approvedAt: RuntimeInstant, mutual: Bool, network: String?) {
        self.nodeId = nodeId
        self.publicKey = publicKey
        self.approvedAt = approvedAt
        self.mutual = mutual
        self.network = network
    }

    private enum CodingKeys: String, CodingKey {
        case nodeId, publicKey, approvedAt, mutual, network
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeId = try container.decode(String.self, forKey: .nodeId)
        publicKey = try container.decode(String.self, forKey: .publicKey)
        approvedAt = try container.decodeInstant(forKey: .approvedAt)
        mutual = try container.decode(Bool.self, forKey: .mutual)
        network = try container.decodeIfPresent(String.self, forKey: .network)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodeId, forKey: .nodeId)
        try container.encode(publicKey, forKey: .publicKey)
        try container.encodeInstant(approvedAt, forKey: .approvedAt)
        try container.encode(mutual, forKey: .mutual)
        try container.encodeIfPresent(network, forKey: .network)
    }
}
