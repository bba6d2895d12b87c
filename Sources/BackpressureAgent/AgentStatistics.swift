/// What the agent has done so far, for tests and the service's own health checks.
public struct AgentStatistics: Sendable, Equatable {
    /// One client's queue.
    public struct Client: Sendable, Equatable {
        /// Frames waiting in its queue now (at most the configuration's `clientQueueFrames`).
        public var queuedFrames: Int
        /// Frames dropped for it so far because its queue was full.
        public var droppedFrames: Int
        public var bytesSent: Int
    }

    /// Snapshots taken and queued to every client, one per interval.
    public var snapshotsPublished: UInt64 = 0
    public var eventsPublished: UInt64 = 0
    public var clientsAccepted = 0
    /// Clients closed for sending what the format does not allow (garbage, an oversize length,
    /// anything but one `subscribe`).
    public var clientsClosedForProtocol = 0
    /// Connections beyond the configuration's `maxClients`, closed at once.
    public var clientsRefused = 0
    /// Frames never sent because they exceeded ``AgentWireFormat/maxAgentFrameBytes``.
    public var oversizeFrames = 0
    /// The clients served now, in the order they connected.
    public var clients: [Client] = []
}
