/// Every bound and workload knob of the accept path, with incident 4's values by default.
///
/// The contention knob is the hold time of the other tasks on the same locks
/// (`maintenanceLockHold`, `routingLockHold`): raised, the accept loop of `inline` falls behind
/// the handshake channel exactly as the 1000-node testnet did.
public struct AcceptConfig: Sendable, Equatable, Codable {
    // Transport.
    /// Slots between the transport and the node's accept loop (32 in the incident, 1024 later).
    public var handshakeChannelCapacity = 32
    /// Lifecycle events (established, lost) buffered for the node's lifecycle monitor.
    public var connectionEventCapacity = 4_096
    /// The client gives up connecting after this long.
    public var connectTimeout: Duration = .seconds(5)
    /// The client gives up on identity exchange this long after it connected.
    public var identityExchangeTimeout: Duration = .seconds(10)
    /// Transport handshake time of one connection (jittered by half either way).
    public var connectHandshakeLatency: Duration = .milliseconds(30)

    // Node.
    /// Slots of the `fixed` registration queue feeding the one registration consumer.
    public var registrationQueueCapacity = 1_024
    /// How long the node's reader verifies a peer's identity before recording it.
    public var identityVerifyLatency: Duration = .milliseconds(20)
    /// How long one registration, removal or identity record works on a map (under its lock
    /// when the policy has one).
    public var registrationLockHold: Duration = .milliseconds(1)
    /// Connections one source may open per `rateLimitWindow` before the accept loop refuses it.
    public var rateLimitPerSource = 20
    public var rateLimitWindow: Duration = .seconds(1)

    // Other tasks on the same locks: the contention knob.
    public var maintenanceInterval: Duration = .seconds(1)
    /// How long the periodic maintenance scan holds each of the two write locks.
    public var maintenanceLockHold: Duration = .milliseconds(5)
    /// Concurrent message handlers doing routing lookups on `peers`.
    public var routingWorkers = 8
    /// Mean gap between two routing lookups of one handler.
    public var routingLookupInterval: Duration = .milliseconds(50)
    /// How long one routing lookup holds the `peers` lock.
    public var routingLockHold: Duration = .microseconds(200)

    // Workload.
    /// How long a client keeps its connection after identity exchange before closing it.
    public var clientSession: Duration = .seconds(20)
    /// Mean gap between ordinary background connections; zero turns them off.
    public var backgroundConnectionInterval: Duration = .seconds(2)
    /// What the flood action (`f`) starts by default: this many clients this far apart.
    public var floodClients = 40
    public var floodInterval: Duration = .milliseconds(50)
    /// How long the hold-the-peers-lock action (`l`) holds it by default.
    public var peersLockFaultHold: Duration = .seconds(5)

    // Stall detection.
    /// A condition (handshake channel or registration queue full) becomes a warning after lasting this long.
    public var stallWarningAfter: Duration = .seconds(1)
    /// Message handling (a routing lookup) queued this long behind registration tasks on the
    /// `peers` lock is the herd's stall: the delay users saw as slower uploads.
    public var herdMessageDelay: Duration = .seconds(5)

    public init() {}

    /// The incident's constants under ordinary load.
    public static let incident = AcceptConfig()
    public static let `default` = incident

    /// The incident's constants with the contention knob raised: routing lookups and the
    /// maintenance scan hold the locks long enough that an inline accept loop cannot keep up
    /// with a flood.
    public static let contended: AcceptConfig = {
        var config = AcceptConfig.incident
        config.routingLockHold = .milliseconds(300)
        config.maintenanceLockHold = .milliseconds(600)
        return config
    }()
}

extension AcceptConfig: ParameterSet {
    public static let parameters = ParameterSchema<AcceptConfig>(
        "accept",
        [
            .wholeNumber(
                "handshakeChannelCapacity", \.handshakeChannelCapacity, 1...100_000, unit: "connections",
                "slots between the transport and the accept loop"),
            .wholeNumber(
                "connectionEventCapacity", \.connectionEventCapacity, 1...1_000_000, unit: "events",
                "lifecycle events buffered for the lifecycle monitor"),
            .duration(
                "connectTimeout", \.connectTimeout, .milliseconds(1)...(.seconds(3_600)),
                "the client gives up connecting after this long"),
            .duration(
                "identityExchangeTimeout", \.identityExchangeTimeout, .milliseconds(1)...(.seconds(3_600)),
                "the client gives up on identity exchange this long after connecting"),
            .duration(
                "connectHandshakeLatency", \.connectHandshakeLatency, .zero...(.seconds(60)),
                "transport handshake time of one connection"),
            .wholeNumber(
                "registrationQueueCapacity", \.registrationQueueCapacity, 1...1_000_000, unit: "registrations",
                "slots of the fixed registration queue"),
            .duration(
                "identityVerifyLatency", \.identityVerifyLatency, .zero...(.seconds(60)),
                "how long verifying a peer's identity takes"),
            .duration(
                "registrationLockHold", \.registrationLockHold, .zero...(.seconds(60)),
                "how long one registration, removal or identity record works on a map"),
            .wholeNumber(
                "rateLimitPerSource", \.rateLimitPerSource, 1...100_000, unit: "connections",
                "connections one source may open per window"),
            .duration(
                "rateLimitWindow", \.rateLimitWindow, .milliseconds(1)...(.seconds(3_600)), "the rate limit's window"),
            // Each scan takes both write locks: 10 ms is 100x the default's scans.
            .duration(
                "maintenanceInterval", \.maintenanceInterval, .milliseconds(10)...(.seconds(3_600)),
                "gap between two maintenance scans"),
            .duration(
                "maintenanceLockHold", \.maintenanceLockHold, .zero...(.seconds(60)),
                "how long a maintenance scan holds each write lock"),
            .wholeNumber(
                "routingWorkers", \.routingWorkers, 0...1_000, unit: "workers", "message handlers doing routing lookups"
            ),
            .duration(
                "routingLookupInterval", \.routingLookupInterval, .milliseconds(1)...(.seconds(3_600)),
                "mean gap between two lookups of one handler"),
            .duration(
                "routingLockHold", \.routingLockHold, .zero...(.seconds(60)),
                "how long one routing lookup holds the peers lock"),
            .duration(
                "clientSession", \.clientSession, .zero...(.seconds(86_400)),
                "how long a client keeps its connection after identity exchange"),
            // Every connection lives for a client session: 10 ms is 200x the default's connections.
            .duration(
                "backgroundConnectionInterval", \.backgroundConnectionInterval, .milliseconds(10)...(.seconds(86_400)),
                offAtZero: true, "mean gap between background connections; 0s turns them off"),
            .wholeNumber("floodClients", \.floodClients, 1...10_000, unit: "clients", "clients the flood action starts")
                .load,
            .duration("floodInterval", \.floodInterval, .zero...(.seconds(60)), "gap between two flood clients"),
            .duration(
                "peersLockFaultHold", \.peersLockFaultHold, .milliseconds(1)...(.seconds(3_600)),
                "how long the hold-the-peers-lock action holds it"),
            .duration(
                "stallWarningAfter", \.stallWarningAfter, .zero...(.seconds(86_400)),
                "a full handshake channel or registration queue this long is a stall"),
            .duration(
                "herdMessageDelay", \.herdMessageDelay, .milliseconds(1)...(.seconds(3_600)),
                "message handling queued this long behind registration tasks is a herd"),
        ])
}
