/// The first frame on every connection: who the service is.
public struct AgentHello: Codable, Sendable, Equatable {
    /// ``AgentWireFormat/version`` of the agent that sent it.
    public let version: Int
    public let service: String
    public let pid: Int32
    /// When the agent started, in seconds since 1970-01-01 UTC.
    public let startTime: Double
    /// The agent's snapshot interval, in seconds.
    public let intervalSeconds: Double

    public init(version: Int, service: String, pid: Int32, startTime: Double, intervalSeconds: Double) {
        self.version = version
        self.service = service
        self.pid = pid
        self.startTime = startTime
        self.intervalSeconds = intervalSeconds
    }
}
