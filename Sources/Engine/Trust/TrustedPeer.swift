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
}
