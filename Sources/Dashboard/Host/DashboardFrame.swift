import Backpressure
import Engine
import Runtime

/// Everything one frame is built from, taken from the host once per frame. Subsystem panels
/// are nil until the host has a subsystem to fill them from; a nil panel is not drawn.
public struct DashboardFrame: Sendable {
    public var scenario: String
    public var policy: String
    public var seed: UInt64
    public var speed: Double
    public var isPaused: Bool
    public var virtualTime: RuntimeInstant
    /// The instrument registry's snapshots: semaphores feed the permits panel, channels the
    /// channels panel.
    public var resources: [ResourceSnapshot]
    /// Newest first.
    public var events: [EngineEvent]
    public var warnings: [StallWarning]
    public var streams: StreamsViewModel?
    public var writer: WriterViewModel?
    public var trust: TrustViewModel?
    public var transport: TransportViewModel?

    public init(scenario: String, policy: String, seed: UInt64, speed: Double, isPaused: Bool,
                virtualTime: RuntimeInstant, resources: [ResourceSnapshot] = [], events: [EngineEvent] = [],
                warnings: [StallWarning] = [], streams: StreamsViewModel? = nil, writer: WriterViewModel? = nil,
                trust: TrustViewModel? = nil, transport: TransportViewModel? = nil) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.speed = speed
        self.isPaused = isPaused
        self.virtualTime = virtualTime
        self.resources = resources
        self.events = events
        self.warnings = warnings
        self.streams = streams
        self.writer = writer
        self.trust = trust
        self.transport = transport
    }
}
