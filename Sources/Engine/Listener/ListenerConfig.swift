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

    public static let settableKeys: [String] = [
        "peerCount", "peerInboundChannelCapacity", "gatewayHandshakeChannelCapacity",
        "natTraversalChannelCapacity", "natRetryInterval", "natMaxAttempts", "natOverallDeadline",
        "peerPacketRatePerSecond", "gatewayHandshakeRatePerSecond", "natTraversalPacketRatePerSecond",
        "socketTickInterval", "socketReceiveBufferPackets", "listenerBatchPackets",
        "runtimeWorkerThreads", "spinQuantum", "apiProbeInterval", "dropLogInterval",
        "rateSampleInterval", "listenerBlockedWarningAfter", "apiUnansweredWarningAfter",
        "snapshotFullestPeers",
    ]

    /// Sets one field from text: integers, decimals, durations with a unit ("200ms", "3s", "1.5s",
    /// "250us"). Throws `ListenerConfigError` naming the valid keys or the expected form.
    public mutating func set(_ key: String, _ value: String) throws {
        func int(min: Int = 1) throws -> Int {
            guard let parsed = Int(value), parsed >= min else { throw ListenerConfigError.badValue(key: key, value: value, expected: "an integer >= \(min)") }
            return parsed
        }
        func rate() throws -> Double {
            guard let parsed = Double(value), parsed >= 0, parsed.isFinite else { throw ListenerConfigError.badValue(key: key, value: value, expected: "a rate >= 0") }
            return parsed
        }
        func duration() throws -> Duration {
            guard let parsed = Self.parseDuration(value), parsed > .zero else {
                throw ListenerConfigError.badValue(key: key, value: value, expected: "a positive duration such as 200ms or 3s")
            }
            return parsed
        }
        switch key {
        case "peerCount": peerCount = try int()
        case "peerInboundChannelCapacity": peerInboundChannelCapacity = try int()
        case "gatewayHandshakeChannelCapacity": gatewayHandshakeChannelCapacity = try int()
        case "natTraversalChannelCapacity": natTraversalChannelCapacity = try int()
        case "natRetryInterval": natRetryInterval = try duration()
        case "natMaxAttempts": natMaxAttempts = try int()
        case "natOverallDeadline": natOverallDeadline = try duration()
        case "peerPacketRatePerSecond": peerPacketRatePerSecond = try rate()
        case "gatewayHandshakeRatePerSecond": gatewayHandshakeRatePerSecond = try rate()
        case "natTraversalPacketRatePerSecond": natTraversalPacketRatePerSecond = try rate()
        case "socketTickInterval": socketTickInterval = try duration()
        case "socketReceiveBufferPackets": socketReceiveBufferPackets = try int()
        case "listenerBatchPackets": listenerBatchPackets = try int()
        case "runtimeWorkerThreads": runtimeWorkerThreads = try int()
        case "spinQuantum": spinQuantum = try duration()
        case "apiProbeInterval": apiProbeInterval = try duration()
        case "dropLogInterval": dropLogInterval = try duration()
        case "rateSampleInterval": rateSampleInterval = try duration()
        case "listenerBlockedWarningAfter": listenerBlockedWarningAfter = try duration()
        case "apiUnansweredWarningAfter": apiUnansweredWarningAfter = try duration()
        case "snapshotFullestPeers": snapshotFullestPeers = try int(min: 0)
        default: throw ListenerConfigError.unknownKey(key, valid: Self.settableKeys)
        }
    }

    /// "250us", "200ms", "3s", "1.5s", "2m".
    static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number.isFinite, number >= 0 else { return nil }
            return .nanoseconds(Int64((number * unit.seconds * 1e9).rounded()))
        }
        return nil
    }
}
