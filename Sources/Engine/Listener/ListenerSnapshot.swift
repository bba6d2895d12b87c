import Runtime

/// The transport listener at one instant: what the transport and channels panels draw and what
/// the scenarios put in JSON. Cheap to take from any thread.
public struct ListenerSnapshot: Sendable, Equatable, Codable {
    public let policy: ListenerPolicy
    public let at: RuntimeInstant
    public let peerCount: Int
    public let closedPeers: Int

    // The loop.
    public let loopIterations: Int
    /// From taking a batch off the socket to having forwarded all of it. Forwarding takes no
    /// virtual time, so on the deterministic runtime this is zero unless the loop waited
    /// (awaited room or spun).
    public let loopLatency: LatencySummary
    /// How long the iteration in progress has run; nil while the listener waits for the socket.
    public let currentIterationFor: Duration?
    public let packetsArrived: Int
    public let packetsForwarded: Int
    /// Packets the listener took off the socket per second (last sample).
    public let packetsPerSecond: Double
    /// Waiting in the socket's receive buffer.
    public let socketBacklog: Int

    // Spinning and the shared runtime.
    public let spinIterations: Int
    public let spinIterationsPerSecond: Double
    public let workerThreads: Int
    /// What each spinning worker spins on ("listener try_send on peer[17].in"), oldest first.
    public let spinners: [String]

    // Channels.
    /// The fullest peer inbound channels, fullest first.
    public let fullestPeers: [ListenerChannelFill]
    public let peerChannelsOccupied: Int
    public let peerChannelsCapacity: Int
    public let peerChannelsFull: Int
    public let gatewayHandshake: ListenerChannelFill
    public let natTraversal: ListenerChannelFill

    // Outcomes.
    public let established: ForwardCounts
    public let gatewayHandshakeForwards: ForwardCounts
    public let natTraversalForwards: ForwardCounts
    /// Packets the consumers took, per path: equal to `sent` once drained.
    public let consumedEstablished: Int
    public let consumedGatewayHandshake: Int
    public let consumedNatTraversal: Int
    public let drops: ListenerDrops<Int>
    public let dropsPerSecond: ListenerDrops<Double>

    // NAT traversal and the API.
    public let natSessionsSucceeded: Int
    public let natSessionsFailed: Int
    public let apiProbeLatency: LatencySummary
    public let apiProbesAnswered: Int
    /// How long the probe in flight has waited; nil when none is outstanding.
    public let apiProbeWaiting: Duration?

    // Faults in force.
    public let wedgedPeer: Int?
    public let natConsumerStalled: Bool
    public let stalledPeers: [Int]

    public let warnings: [StallWarning]
}

extension ListenerSnapshot {
    /// Flat numbers for a scenario's JSON `metrics` (the engine prefixes `listener.`); seconds
    /// for times.
    public var metrics: [String: Double] {
        [
            "packetsForwarded": Double(packetsForwarded),
            "packetsPerSecond": packetsPerSecond,
            "loopLatencyP50Seconds": loopLatency.p50.seconds,
            "loopLatencyP99Seconds": loopLatency.p99.seconds,
            "loopLatencyMaxSeconds": loopLatency.max.seconds,
            "loopIterationRunningSeconds": currentIterationFor?.seconds ?? 0,
            "spinIterations": Double(spinIterations),
            "spinIterationsPerSecond": spinIterationsPerSecond,
            "peerChannelsOccupied": Double(peerChannelsOccupied),
            "natChannelOccupied": Double(natTraversal.occupied),
            "gatewayChannelOccupied": Double(gatewayHandshake.occupied),
            "dropsTotal": Double(drops.total),
            "dropsPerSecond": dropsPerSecond.total,
            "apiProbesAnswered": Double(apiProbesAnswered),
            "apiProbeLatencyMaxSeconds": apiProbeLatency.max.seconds,
            "apiProbeWaitingSeconds": apiProbeWaiting?.seconds ?? 0,
            "natSessionsSucceeded": Double(natSessionsSucceeded),
            "natSessionsFailed": Double(natSessionsFailed),
        ]
    }
}
