/// Every bound and workload knob of the trust subsystem, with the incident's defaults.
public struct TrustConfig: Sendable, Equatable {
    // Trust state bounds (INCIDENTS.md section 5).
    public var pendingPerSourceLimit = 16
    public var pendingTotalLimit = 256
    public var pendingTimeout: Duration = .seconds(60)

    // Persistence.
    /// Wait before saving again after a failed save (fixed).
    public var saveRetryDelay: Duration = .milliseconds(250)
    /// How long stop waits for calls already in flight before its final save (fixed).
    public var stopDrainTimeout: Duration = .seconds(2)
    /// How long stop waits for its final save (fixed).
    public var finalSaveTimeout: Duration = .seconds(5)
    /// Injected latency per fsync at start (the `d` key cycles 0, 10, 50, 200 ms).
    public var fsyncLatency: Duration = .zero

    // Handshake workload.
    /// New handshakes per second (Poisson arrivals).
    public var joinRatePerSecond = 20.0
    /// Distinct peers the arrivals are drawn from: a known peer's handshake is a read.
    public var peerPoolSize = 400
    /// Sources (networks) the requests come from; the per-source limit counts by source.
    public var sourceCount = 8
    /// Handshakes processed at once; arrivals beyond are dropped (counted).
    public var handshakeConcurrencyLimit = 128
    /// The approver decides the oldest pending request this often.
    public var approvalInterval: Duration = .milliseconds(100)
    /// Share of decisions that reject instead of approve.
    public var rejectChance = 0.1
    /// Share of approved peers that confirm mutual trust.
    public var mutualChance = 0.5
    /// Trusted peers revoked per second.
    public var revokeRatePerSecond = 0.5
    /// How long a revocation bans a peer.
    public var revocationPeriod: Duration = .seconds(30)
    /// How often expired revocations and stale pending requests are swept.
    public var expirySweepInterval: Duration = .seconds(1)
    /// Handshakes in one injected flood (all from one source).
    public var floodSize = 200

    // Detection.
    /// A lock hold or wait at least this long is reported as a stall.
    public var lockHoldWarningThreshold: Duration = .milliseconds(20)
    /// Unsaved changes older than this are reported.
    public var persistenceLagWarningThreshold: Duration = .seconds(1)
    /// Window of the handshakes-per-second rate.
    public var throughputWindow: Duration = .seconds(1)

    public init() {}

    public static let incident = TrustConfig()
    public static let `default` = TrustConfig()

    public var limits: TrustLimits {
        TrustLimits(pendingPerSourceLimit: pendingPerSourceLimit, pendingTotalLimit: pendingTotalLimit, pendingTimeout: pendingTimeout)
    }

    public static let settableKeys: [String] = [
        "pendingPerSourceLimit", "pendingTotalLimit", "pendingTimeout", "saveRetryDelay", "stopDrainTimeout",
        "finalSaveTimeout", "fsyncLatency", "joinRatePerSecond", "peerPoolSize", "sourceCount",
        "handshakeConcurrencyLimit", "approvalInterval", "rejectChance", "mutualChance", "revokeRatePerSecond",
        "revocationPeriod", "expirySweepInterval", "floodSize", "lockHoldWarningThreshold",
        "persistenceLagWarningThreshold", "throughputWindow",
    ]

    /// Sets one field by key. Durations take a unit ("250ms", "2s", "500us"); counts are
    /// integers; rates and chances are decimals.
    public mutating func set(_ key: String, _ value: String) throws(TrustConfigError) {
        var updated = self
        try updated.assign(key, value)
        guard updated.pendingTotalLimit >= updated.pendingPerSourceLimit else {
            throw .badValue(key: key, value: value, expected: "pendingTotalLimit >= pendingPerSourceLimit")
        }
        self = updated
    }

    private mutating func assign(_ key: String, _ value: String) throws(TrustConfigError) {
        switch key {
        case "pendingPerSourceLimit": pendingPerSourceLimit = try Self.count(key, value)
        case "pendingTotalLimit": pendingTotalLimit = try Self.count(key, value)
        case "pendingTimeout": pendingTimeout = try Self.duration(key, value)
        case "saveRetryDelay": saveRetryDelay = try Self.duration(key, value)
        case "stopDrainTimeout": stopDrainTimeout = try Self.duration(key, value)
        case "finalSaveTimeout": finalSaveTimeout = try Self.duration(key, value)
        case "fsyncLatency": fsyncLatency = try Self.duration(key, value, allowZero: true)
        case "joinRatePerSecond": joinRatePerSecond = try Self.decimal(key, value, range: 0...100_000)
        case "peerPoolSize": peerPoolSize = try Self.count(key, value)
        case "sourceCount": sourceCount = try Self.count(key, value)
        case "handshakeConcurrencyLimit": handshakeConcurrencyLimit = try Self.count(key, value)
        case "approvalInterval": approvalInterval = try Self.duration(key, value)
        case "rejectChance": rejectChance = try Self.decimal(key, value, range: 0...1)
        case "mutualChance": mutualChance = try Self.decimal(key, value, range: 0...1)
        case "revokeRatePerSecond": revokeRatePerSecond = try Self.decimal(key, value, range: 0...100_000)
        case "revocationPeriod": revocationPeriod = try Self.duration(key, value)
        case "expirySweepInterval": expirySweepInterval = try Self.duration(key, value)
        case "floodSize": floodSize = try Self.count(key, value)
        case "lockHoldWarningThreshold": lockHoldWarningThreshold = try Self.duration(key, value)
        case "persistenceLagWarningThreshold": persistenceLagWarningThreshold = try Self.duration(key, value)
        case "throughputWindow": throughputWindow = try Self.duration(key, value)
        default: throw .unknownKey(key, valid: Self.settableKeys)
        }
    }

    private static func count(_ key: String, _ value: String) throws(TrustConfigError) -> Int {
        guard let number = Int(value), number > 0 else { throw .badValue(key: key, value: value, expected: "a positive integer") }
        return number
    }

    private static func decimal(_ key: String, _ value: String, range: ClosedRange<Double>) throws(TrustConfigError) -> Double {
        guard let number = Double(value), range.contains(number) else {
            throw .badValue(key: key, value: value, expected: "a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    private static func duration(_ key: String, _ value: String, allowZero: Bool = false) throws(TrustConfigError) -> Duration {
        let units: [(suffix: String, nanoseconds: Double)] = [("ms", 1e6), ("us", 1e3), ("ns", 1), ("s", 1e9)]
        for unit in units where value.hasSuffix(unit.suffix) {
            if let number = Double(value.dropLast(unit.suffix.count)), number >= 0, allowZero || number > 0 {
                return .nanoseconds(Int64(number * unit.nanoseconds))
            }
            break
        }
        throw .badValue(key: key, value: value, expected: "a duration with a unit (250ms, 2s, 500us)")
    }
}
