import Runtime

/// A peer whose trust was revoked; its requests are refused until `until`.
public struct Revocation: Sendable, Equatable, Codable {
    public let nodeId: String
    public let until: RuntimeInstant

    public init(nodeId: String, until: RuntimeInstant) {
        self.nodeId = nodeId
        self.until = until
    }
}
