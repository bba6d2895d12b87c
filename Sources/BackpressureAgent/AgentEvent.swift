/// One log line from the service.
public struct AgentEvent: Codable, Sendable, Equatable {
    /// Seconds since the agent started, when the line was emitted.
    public let uptimeSeconds: Double
    /// The service's own level name ("info", "warning", ...).
    public let level: String
    public let message: String
    /// Frames dropped for this client since the last frame it was sent, plus lines the agent's
    /// event buffer dropped before any client could get them.
    public var dropped: Int

    public init(uptimeSeconds: Double, level: String, message: String, dropped: Int) {
        self.uptimeSeconds = uptimeSeconds
        self.level = level
        self.message = message
        self.dropped = dropped
    }
}
