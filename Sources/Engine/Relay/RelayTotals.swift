/// Counters over every stream the relay has carried since `start()`.
public struct RelayTotals: Sendable, Equatable, Codable {
    public var streamsStarted = 0
    public var streamsFlowing = 0
    public var streamsStalled = 0
    public var streamsFailed = 0
    public var streamsDone = 0
    /// Payload bytes assembled intact at the receiver.
    public var bytesDelivered = 0
    public var upstreamDrops = 0
    public var upstreamMigrations = 0

    public init() {}
}
