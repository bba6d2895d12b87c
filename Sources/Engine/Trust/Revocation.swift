import Runtime

/// A peer whose trust was revoked; its requests are refused until `until`.
public struct Revocation: Sendable, Equatable, Codable {
    public let nodeId: String
    public let until: RuntimeInstant

    public init(nodeId: String, until: RuntimeInstant) {
        self.nodeId = nodeId
        self.until = until
    }

    private enum CodingKeys: String, CodingKey {
        case nodeId, until
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeId = try container.decode(String.self, forKey: .nodeId)
        until = try container.decodeInstant(forKey: .until)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodeId, forKey: .nodeId)
        try container.encodeInstant(until, forKey: .until)
    }
}
