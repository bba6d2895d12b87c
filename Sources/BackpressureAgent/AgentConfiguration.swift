/// The agent's bounds. Defaults suit a dashboard at 10 Hz.
public struct AgentConfiguration: Sendable {
    /// How often the agent takes and publishes a snapshot: 100 ms (10 Hz).
    public static let defaultSnapshotInterval: Duration = .milliseconds(100)
    /// Frames queued per client before the oldest are dropped: 64 frames (6.4 s of snapshots).
    public static let defaultClientQueueFrames = 64
    /// Clients served at once; one more is accepted and closed at once: 16 clients.
    public static let defaultMaxClients = 16

    public var snapshotInterval: Duration
    public var clientQueueFrames: Int
    public var maxClients: Int
    /// Where the socket directory is found (`XDG_RUNTIME_DIR`, `TMPDIR`); the process's own by
    /// default. Tests give their own.
    public var environment: [String: String]

    public init(
        snapshotInterval: Duration = defaultSnapshotInterval, clientQueueFrames: Int = defaultClientQueueFrames,
        maxClients: Int = defaultMaxClients, environment: [String: String]? = nil
    ) {
        precondition(snapshotInterval > .zero, "a snapshot interval is positive")
        precondition(clientQueueFrames > 0 && maxClients > 0)
        self.snapshotInterval = snapshotInterval
        self.clientQueueFrames = clientQueueFrames
        self.maxClients = maxClients
        self.environment = environment ?? AgentConfiguration.processEnvironment()
    }
}
