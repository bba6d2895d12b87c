/// Every live primitive of the service's registry at one instant.
public struct AgentSnapshot: Codable, Sendable, Equatable {
    /// Counts every snapshot the agent took, from 1, the same for every client: a gap is what
    /// this client missed.
    public let sequence: UInt64
    /// Seconds since the agent started, on the monotonic clock.
    public let uptimeSeconds: Double
    /// Frames dropped for this client since the last frame it was sent (its queue was full).
    public var dropped: Int
    public let resources: [AgentResource]

    public init(sequence: UInt64, uptimeSeconds: Double, dropped: Int, resources: [AgentResource]) {
        self.sequence = sequence
        self.uptimeSeconds = uptimeSeconds
        self.dropped = dropped
        self.resources = resources
    }
}
