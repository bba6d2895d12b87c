/// Every bound and workload knob of the transport listener, with the incident's constants
/// (see Listener/README.md, constants) as defaults.
///
/// The packet rates are chosen so 200 peers run far faster than real time on the deterministic
/// runtime: about 62 packets per virtual second (a packet every 4 s per peer, plus handshakes),
/// taken from the socket in one batch per 100 ms tick. Each forward costs tens of microseconds
/// in a debug build, so ten virtual minutes take well under two wall seconds; the NAT rate stays
/// high enough that a stalled NAT consumer fills its 100 slots in ten seconds.
public struct ListenerConfig: Sendable, Equatable, Codable {
    // Topology and channel bounds (the incident's).
    public var peerCount = 200
    public var peerInboundChannelCapacity = 2_048
    public var gatewayHandshakeChannelCapacity = 100
    public var natTraversalChannelCapacity = 100

    // NAT traversal: a hole punch every 200 ms, 40 attempts at most, 3 s overall (so about 15).
    public var natRetryInterval: Duration = .milliseconds(200)
    public var natMaxAttempts = 40
    public var natOverallDeadline: Duration = .seconds(3)

    // Workload: what arrives at the socket.
    public var peerPacketRatePerSecond = 0.25
    public var gatewayHandshakeRatePerSecond = 2.0
    public var natTraversalPacketRatePerSecond = 10.0
    /// Arrivals are generated per tick and taken in one batch: the socket's readiness cadence.
    public var socketTickInterval: Duration = .milliseconds(100)
    /// Kernel receive buffer: what arrives while the listener is not reading, beyond this, is lost.
    public var socketReceiveBufferPackets = 4_096
    /// Packets one listener iteration takes from the socket.
    public var listenerBatchPackets = 256

    // The runtime the listener shares with the API.
    /// Worker threads of the node's runtime: the incident's two pegged threads.
    public var runtimeWorkerThreads = 2
    /// Virtual time one spin iteration (one `sched_yield`) costs on the deterministic runtime.
    public var spinQuantum: Duration = .milliseconds(1)
    public var apiProbeInterval: Duration = .milliseconds(500)

    // Reporting.
    /// A full channel is logged at most this often (per channel kind); every drop is counted.
    public var dropLogInterval: Duration = .seconds(10)
    public var rateSampleInterval: Duration = .seconds(1)
    public var listenerBlockedWarningAfter: Duration = .seconds(1)
    public var apiUnansweredWarningAfter: Duration = .seconds(2)
    /// Peer channels listed individually in a snapshot (the fullest ones).
    public var snapshotFullestPeers = 5

    public init() {}

    public static let incident = ListenerConfig()
    public static let `default` = incident
}

extension ListenerConfig: ParameterSet {
    /// Arrivals per second are peers x rate, each one an event: every rate stops at 100x its
    /// default, since the peers may be 100x too.
    public static let parameters = ParameterSchema<ListenerConfig>(
        "listener",
        [
            .wholeNumber(
                "peerCount", \.peerCount, 1...20_000, unit: "peers", "connected peers, each with an inbound channel"
            ).load,
            .wholeNumber(
                "peerInboundChannelCapacity", \.peerInboundChannelCapacity, 1...100_000, unit: "packets",
                "slots of each peer's inbound channel"),
            .wholeNumber(
                "gatewayHandshakeChannelCapacity", \.gatewayHandshakeChannelCapacity, 1...100_000, unit: "packets",
                "slots of the gateway handshake channel"),
            .wholeNumber(
                "natTraversalChannelCapacity", \.natTraversalChannelCapacity, 1...100_000, unit: "packets",
                "slots of the NAT traversal channel"),
            .duration(
                "natRetryInterval", \.natRetryInterval, .milliseconds(1)...(.seconds(3_600)),
                "gap between two hole punches"),
            .wholeNumber(
                "natMaxAttempts", \.natMaxAttempts, 1...100_000, unit: "attempts", "hole punches per traversal at most"),
            .duration(
                "natOverallDeadline", \.natOverallDeadline, .milliseconds(1)...(.seconds(3_600)),
                "how long one traversal may take"),
            .rate(
                "peerPacketRatePerSecond", \.peerPacketRatePerSecond, 0...25, unit: "packets/s",
                "packets per second from each peer"),
            .rate(
                "gatewayHandshakeRatePerSecond", \.gatewayHandshakeRatePerSecond, 0...200, unit: "packets/s",
                "gateway handshakes per second"),
            .rate(
                "natTraversalPacketRatePerSecond", \.natTraversalPacketRatePerSecond, 0...1_000, unit: "packets/s",
                "NAT traversal packets per second"),
            .duration(
                "socketTickInterval", \.socketTickInterval, .milliseconds(1)...(.seconds(60)),
                "the socket's readiness cadence: arrivals are taken once per tick"),
            .wholeNumber(
                "socketReceiveBufferPackets", \.socketReceiveBufferPackets, 1...1_000_000, unit: "packets",
                "kernel receive buffer; arrivals beyond it are lost"),
            .wholeNumber(
                "listenerBatchPackets", \.listenerBatchPackets, 1...100_000, unit: "packets",
                "packets one listener iteration takes from the socket"),
            .wholeNumber(
                "runtimeWorkerThreads", \.runtimeWorkerThreads, 1...1_024, unit: "threads",
                "worker threads of the node's runtime"),
            // Every spin iteration is an event: below 100 us a spinning listener floods the run.
            .duration(
                "spinQuantum", \.spinQuantum, .microseconds(100)...(.seconds(1)),
                "virtual time one spin iteration (one sched_yield) costs"),
            .duration(
                "apiProbeInterval", \.apiProbeInterval, .milliseconds(1)...(.seconds(3_600)),
                "gap between two API probes"),
            .duration(
                "dropLogInterval", \.dropLogInterval, .milliseconds(1)...(.seconds(86_400)),
                "a full channel is logged at most this often"),
            // Each sample reads every peer channel: 100 ms is 10x the default's reads.
            .duration(
                "rateSampleInterval", \.rateSampleInterval, .milliseconds(100)...(.seconds(3_600)),
                "gap between two rate samples"),
            .duration(
                "listenerBlockedWarningAfter", \.listenerBlockedWarningAfter, .milliseconds(1)...(.seconds(86_400)),
                "a listener blocked this long is a stall"),
            .duration(
                "apiUnansweredWarningAfter", \.apiUnansweredWarningAfter, .milliseconds(1)...(.seconds(86_400)),
                "an API probe unanswered this long is a stall"),
            .wholeNumber(
                "snapshotFullestPeers", \.snapshotFullestPeers, 0...1_000, unit: "peers",
                "peer channels listed one by one in a snapshot"),
        ])
}
