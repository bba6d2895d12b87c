/// Every bound and workload knob of the trust subsystem, with the incident's defaults.
public struct TrustConfig: Sendable, Equatable {
    // Trust state bounds (see Trust/README.md, constants).
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
    public var approvalInterval: Duration = .milliseconds(250)
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
    /// A lock hold at least this long is reported as a stall. Above a save on a 50 ms disk
    /// (two fsyncs, 100 ms), below one on a 200 ms disk (400 ms): `trust-stop-loses-changes`
    /// runs a 50 ms disk and must not stall under `under-lock`, `trust-slow-disk` a 200 ms one.
    public var lockHoldWarningThreshold: Duration = .milliseconds(250)
    /// Unsaved changes older than this are reported (`fixed` on a 200 ms disk lags up to two
    /// saves, 800 ms).
    public var persistenceLagWarningThreshold: Duration = .seconds(2)
    /// Window of the handshakes-per-second rate.
    public var throughputWindow: Duration = .seconds(1)

    public init() {}

    public static let incident = TrustConfig()
    public static let `default` = TrustConfig()

    public var limits: TrustLimits {
        TrustLimits(
            pendingPerSourceLimit: pendingPerSourceLimit, pendingTotalLimit: pendingTotalLimit,
            pendingTimeout: pendingTimeout)
    }

    /// The keys `set` accepts, in declaration order.
    public static var settableKeys: [String] { setters.map(\.key) }

    /// Sets one field by key. Durations take a unit ("250ms", "2s", "500us"); counts are
    /// positive integers; rates and chances are decimals. On an error nothing changes.
    public mutating func set(_ key: String, _ value: String) throws(TrustConfigError) {
        guard let setter = Self.setters.first(where: { $0.key == key }) else {
            throw .unknownKey(key, valid: Self.settableKeys)
        }
        var updated = self
        try setter.apply(&updated, value)
        guard updated.pendingTotalLimit >= updated.pendingPerSourceLimit else {
            throw .badValue(key: key, value: value, expected: "pendingTotalLimit >= pendingPerSourceLimit")
        }
        self = updated
    }

    private struct Setter: Sendable {
        let key: String
        let apply: @Sendable (inout TrustConfig, String) throws(TrustConfigError) -> Void
    }

    private static let setters: [Setter] = [
        count("pendingPerSourceLimit", \.pendingPerSourceLimit),
        count("pendingTotalLimit", \.pendingTotalLimit),
        duration("pendingTimeout", \.pendingTimeout),
        duration("saveRetryDelay", \.saveRetryDelay),
        duration("stopDrainTimeout", \.stopDrainTimeout),
        duration("finalSaveTimeout", \.finalSaveTimeout),
        duration("fsyncLatency", \.fsyncLatency, allowZero: true),
        decimal("joinRatePerSecond", \.joinRatePerSecond, 0...100_000),
        count("peerPoolSize", \.peerPoolSize),
        count("sourceCount", \.sourceCount),
        count("handshakeConcurrencyLimit", \.handshakeConcurrencyLimit),
        duration("approvalInterval", \.approvalInterval),
        decimal("rejectChance", \.rejectChance, 0...1),
        decimal("mutualChance", \.mutualChance, 0...1),
        decimal("revokeRatePerSecond", \.revokeRatePerSecond, 0...100_000),
        duration("revocationPeriod", \.revocationPeriod),
        duration("expirySweepInterval", \.expirySweepInterval),
        count("floodSize", \.floodSize),
        duration("lockHoldWarningThreshold", \.lockHoldWarningThreshold),
        duration("persistenceLagWarningThreshold", \.persistenceLagWarningThreshold),
        duration("throughputWindow", \.throughputWindow),
    ]

    private static func count(_ key: String, _ field: WritableKeyPath<TrustConfig, Int> & Sendable) -> Setter {
        Setter(key: key) { config, value throws(TrustConfigError) in
            guard let number = Int(value), number > 0 else {
                throw .badValue(key: key, value: value, expected: "a positive integer")
            }
            config[keyPath: field] = number
        }
    }

    private static func decimal(
        _ key: String, _ field: WritableKeyPath<TrustConfig, Double> & Sendable, _ range: ClosedRange<Double>
    ) -> Setter {
        Setter(key: key) { config, value throws(TrustConfigError) in
            guard let number = Double(value), range.contains(number) else {
                throw .badValue(key: key, value: value, expected: "a number in \(range.lowerBound)...\(range.upperBound)")
            }
            config[keyPath: field] = number
        }
    }

    private static func duration(
        _ key: String, _ field: WritableKeyPath<TrustConfig, Duration> & Sendable, allowZero: Bool = false
    ) -> Setter {
        Setter(key: key) { config, value throws(TrustConfigError) in
            let units: [(suffix: String, nanoseconds: Double)] = [("ms", 1e6), ("us", 1e3), ("ns", 1), ("s", 1e9)]
            guard let unit = units.first(where: { value.hasSuffix($0.suffix) }),
                let number = Double(value.dropLast(unit.suffix.count)), number >= 0, allowZero || number > 0
            else {
                throw .badValue(key: key, value: value, expected: "a duration with a unit (250ms, 2s, 500us)")
            }
            config[keyPath: field] = .nanoseconds(Int64(number * unit.nanoseconds))
        }
    }
}
