import Backpressure

/// Everything one frame is built from, taken from the host once per frame. Subsystem panels
/// are nil until the host has a subsystem to fill them from; a nil panel is not drawn.
public struct DashboardFrame: Sendable {
    public var scenario: String
    public var policy: String
    public var seed: UInt64
    public var speed: Double
    public var isPaused: Bool
    /// A recording played to its end: time stands still there whatever the pause says.
    public var hasEnded = false
    /// A run this dashboard drives (the engine: a seed, a speed); false over a live service,
    /// whose time the dashboard neither sets nor speeds.
    public var isDriven = true
    /// Virtual time since the run's start.
    public var virtualTime: Duration
    /// Every instrumented primitive's snapshot with its owner: semaphores feed the permits
    /// panel, channels the channels panel.
    public var resources: [InstrumentReading]
    /// Groups of primitives registered as one (a listener's 20,000 peer channels), not read
    /// into `resources`: the channels panel reads their channels itself, the quiet ones in
    /// turns (`ChannelHistory`). Their other members are not shown.
    public var groups: [InstrumentGroup]
    /// Newest first.
    public var events: [EventLine]
    /// The subsystems' own stall warnings: what the header counts and a comparison calls STALLED.
    public var warnings: [WarningLine]
    /// The generic detectors' findings over `resources` (`isGeneric`), shown after the warnings
    /// and marked as generic; the only detectors a host attached to a live service has.
    public var findings: [WarningLine] = []
    /// The keys the host carries out now, in footer order.
    public var commands: [CommandHint]
    public var streams: StreamsViewModel?
    public var writer: WriterViewModel?
    public var trust: TrustViewModel?
    public var transport: TransportViewModel?
    /// The run's extent and its marks (a host that can go back in time); no strip when nil.
    public var timeline: RunTimeline?

    public init(
        scenario: String, policy: String, seed: UInt64, speed: Double, isPaused: Bool,
        virtualTime: Duration, resources: [InstrumentReading] = [], groups: [InstrumentGroup] = [],
        events: [EventLine] = [],
        warnings: [WarningLine] = [], commands: [CommandHint] = [], streams: StreamsViewModel? = nil,
        writer: WriterViewModel? = nil, trust: TrustViewModel? = nil, transport: TransportViewModel? = nil
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.speed = speed
        self.isPaused = isPaused
        self.virtualTime = virtualTime
        self.resources = resources
        self.groups = groups
        self.events = events
        self.warnings = warnings
        self.commands = commands
        self.streams = streams
        self.writer = writer
        self.trust = trust
        self.transport = transport
    }
}
