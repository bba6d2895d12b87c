/// The one frame a client may send: optional, at most once, naming the format version it reads.
public struct AgentSubscribe: Codable, Sendable, Equatable {
    public let version: Int

    public init(version: Int) {
        self.version = version
    }
}
