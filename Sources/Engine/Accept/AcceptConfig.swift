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
    /// Waiters on one write lock that count as a herd.
    public var herdWaiters = 16

    public init() {}

    /// The incident's constants under ordinary load.
    public static let incident = AcceptConfig()
    public static let `default` = incident

    /// The incident's constants with the contention knob raised: routing lookups and the
    /// maintenance scan hold the locks long enough that an inline accept loop cannot keep up
    /// with a flood.
    public static let contended: AcceptConfig = {
        var config = AcceptConfig.incident
        config.routingLockHold = .milliseconds(50)
        config.maintenanceLockHold = .milliseconds(300)
        return config
    }()

    /// Scenario keys (after the `accept.` prefix): the field names.
    public static let settableKeys: [String] = [
        "handshakeChannelCapacity", "connectionEventCapacity", "connectTimeout", "identityExchangeTimeout",
        "connectHandshakeLatency", "registrationQueueCapacity", "identityVerifyLatency", "registrationLockHold",
        "rateLimitPerSource", "rateLimitWindow", "maintenanceInterval", "maintenanceLockHold", "routingWorkers",
        "routingLookupInterval", "routingLockHold", "clientSession", "backgroundConnectionInterval",
        "floodClients", "floodInterval", "peersLockFaultHold", "stallWarningAfter", "herdWaiters",
    ]

    /// Sets one field by its key ("routingLockHold", "40ms").
    public mutating func set(_ key: String, _ value: String) throws(AcceptConfigError) {
        func count(minimum: Int) throws(AcceptConfigError) -> Int {
            guard let parsed = Int(value), parsed >= minimum else {
                throw .badValue(key: key, value: value, expected: "an integer >= \(minimum)")
            }
            return parsed
        }
        func duration(allowZero: Bool = false) throws(AcceptConfigError) -> Duration {
            guard let parsed = Self.parseDuration(value), parsed > .zero || (allowZero && parsed == .zero) else {
                throw .badValue(
                    key: key, value: value,
                    expected: allowZero ? "a duration >= 0 like 250ms or 5s" : "a duration > 0 like 250ms or 5s")
            }
            return parsed
        }
        switch key {
        case "handshakeChannelCapacity": handshakeChannelCapacity = try count(minimum: 1)
        case "connectionEventCapacity": connectionEventCapacity = try count(minimum: 1)
        case "connectTimeout": connectTimeout = try duration()
        case "identityExchangeTimeout": identityExchangeTimeout = try duration()
        case "connectHandshakeLatency": connectHandshakeLatency = try duration(allowZero: true)
        case "registrationQueueCapacity": registrationQueueCapacity = try count(minimum: 1)
        case "identityVerifyLatency": identityVerifyLatency = try duration(allowZero: true)
        case "registrationLockHold": registrationLockHold = try duration(allowZero: true)
        case "rateLimitPerSource": rateLimitPerSource = try count(minimum: 1)
        case "rateLimitWindow": rateLimitWindow = try duration()
        case "maintenanceInterval": maintenanceInterval = try duration()
        case "maintenanceLockHold": maintenanceLockHold = try duration(allowZero: true)
        case "routingWorkers": routingWorkers = try count(minimum: 0)
        case "routingLookupInterval": routingLookupInterval = try duration()
        case "routingLockHold": routingLockHold = try duration(allowZero: true)
        case "clientSession": clientSession = try duration(allowZero: true)
        case "backgroundConnectionInterval": backgroundConnectionInterval = try duration(allowZero: true)
        case "floodClients": floodClients = try count(minimum: 1)
        case "floodInterval": floodInterval = try duration(allowZero: true)
        case "peersLockFaultHold": peersLockFaultHold = try duration()
        case "stallWarningAfter": stallWarningAfter = try duration(allowZero: true)
        case "herdWaiters": herdWaiters = try count(minimum: 1)
        default: throw .unknownKey(key: key, valid: Self.settableKeys)
        }
    }

    /// "250ms", "5s", "1.5s", "200us", "2m", "100ns"; nil when malformed or negative.
    static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let amount = Double(text.dropLast(unit.suffix.count)), amount >= 0, amount.isFinite else {
                continue
            }
            let nanoseconds = amount * unit.nanoseconds
            guard nanoseconds < 1e18 else { return nil }
            return .nanoseconds(Int64(nanoseconds.rounded()))
        }
        return nil
    }
}
