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
}

extension TrustConfig: ParameterSet {
    /// `TrustLimits` traps unless pendingTotalLimit >= pendingPerSourceLimit, so a set that would
    /// break it is refused whichever key it names.
    public static let parameters = ParameterSchema<TrustConfig>(
        "trust",
        [
            .wholeNumber(
                "pendingPerSourceLimit", \.pendingPerSourceLimit, 1...100_000, unit: "requests",
                "pending requests one source may have"),
            .wholeNumber(
                "pendingTotalLimit", \.pendingTotalLimit, 1...1_000_000, unit: "requests", "pending requests in all"),
            .duration(
                "pendingTimeout", \.pendingTimeout, .milliseconds(1)...(.seconds(86_400)),
                "a pending request expires after this long"),
            // Every retry rewrites the whole file: 10 ms is 25x the default's retries.
            .duration(
                "saveRetryDelay", \.saveRetryDelay, .milliseconds(10)...(.seconds(3_600)),
                "fixed: wait before saving again after a failed save"),
            .duration(
                "stopDrainTimeout", \.stopDrainTimeout, .milliseconds(1)...(.seconds(3_600)),
                "fixed: how long stop waits for calls in flight"),
            .duration(
                "finalSaveTimeout", \.finalSaveTimeout, .milliseconds(1)...(.seconds(3_600)),
                "fixed: how long stop waits for its final save"),
            .duration("fsyncLatency", \.fsyncLatency, .zero...(.seconds(60)), "injected latency per fsync at start"),
            .rate(
                "joinRatePerSecond", \.joinRatePerSecond, 0.001...2_000, offAtZero: true, unit: "handshakes/s",
                "new handshakes per second (Poisson)"
            ).load,
            .wholeNumber(
                "peerPoolSize", \.peerPoolSize, 1...100_000, unit: "peers", "distinct peers the arrivals are drawn from"
            ).load,
            .wholeNumber(
                "sourceCount", \.sourceCount, 1...10_000, unit: "sources", "sources (networks) the requests come from"),
            .wholeNumber(
                "handshakeConcurrencyLimit", \.handshakeConcurrencyLimit, 1...100_000, unit: "handshakes",
                "handshakes processed at once; arrivals beyond are dropped"),
            // One decision per interval: 1 ms is 250x the default's decisions.
            .duration(
                "approvalInterval", \.approvalInterval, .milliseconds(1)...(.seconds(3_600)),
                "the approver decides the oldest pending request this often"),
            .rate("rejectChance", \.rejectChance, 0...1, unit: "share", "share of decisions that reject"),
            .rate(
                "mutualChance", \.mutualChance, 0...1, unit: "share",
                "share of approved peers that confirm mutual trust"),
            .rate(
                "revokeRatePerSecond", \.revokeRatePerSecond, 0.001...1_000, offAtZero: true, unit: "revocations/s",
                "trusted peers revoked per second"),
            .duration(
                "revocationPeriod", \.revocationPeriod, .milliseconds(1)...(.seconds(86_400)),
                "how long a revocation bans a peer"),
            // Each sweep walks every revocation and pending request: 10 ms is 100x the default's sweeps.
            .duration(
                "expirySweepInterval", \.expirySweepInterval, .milliseconds(10)...(.seconds(3_600)),
                "how often expired revocations and stale requests are swept"),
            .wholeNumber("floodSize", \.floodSize, 1...100_000, unit: "handshakes", "handshakes in one injected flood"),
            .duration(
                "persistenceLagWarningThreshold", \.persistenceLagWarningThreshold,
                .milliseconds(1)...(.seconds(3_600)),
                "unsaved changes this old are reported"),
            .duration(
                "throughputWindow", \.throughputWindow, .milliseconds(1)...(.seconds(60)),
                "window of the handshakes-per-second rate"),
        ],
        invariant: { config in
            config.pendingTotalLimit >= config.pendingPerSourceLimit
                ? nil
                : "pendingTotalLimit (\(config.pendingTotalLimit)) >= pendingPerSourceLimit (\(config.pendingPerSourceLimit))"
        })
}
