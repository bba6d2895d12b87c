/// Every bound of the cold storage task and every knob of its workload, with the incident's
/// values (see Cold/README.md, constants). Each bound is named once, here, with its unit.
public struct ColdConfig: Sendable, Equatable, Codable {
    // MARK: The task's bounds

    /// `MAX_CONCURRENT_READERS`: read permits, and what the writer drains before each write.
    public var readPermits = 64
    /// `MAX_CONCURRENT_STREAMS`.
    public var streamSlots = 8
    public var writeChannelCapacity = 256
    /// The read channel before PR #57; from `permit-attached` on it is `readPermits`.
    public var legacyReadChannelCapacity = 256
    /// Logs buffered per stream for a slow subscriber.
    public var streamOutputCapacity = 256
    /// Every non-stream read, and in `fixed` stream setup; "well below the 12 s write cadence".
    public var readDeadline: Duration = .seconds(5)
    /// A stream lasts `min(requested, maxStreamDeadline)`.
    public var maxStreamDeadline: Duration = .seconds(60)
    public var maxLogsPerQuery = 10_000
    /// `fixed`: how long shutdown waits for cancelled handlers and streams before abandoning them.
    public var shutdownGrace: Duration = .seconds(5)

    // MARK: The backend

    public var backendReadLatency: Duration = .milliseconds(2)
    public var backendWritePerBlockLatency: Duration = .milliseconds(20)
    public var seedBlocks = 8
    public var logsPerBlock = 4

    // MARK: The workload

    /// A new block every 12 s.
    public var writeInterval: Duration = .seconds(12)
    /// Reads per second of all the RPC clients together.
    public var readRatePerSecond = 20.0
    /// RPC clients, each with one read outstanding at most: the size of a read burst.
    public var readConcurrency = 16
    public var logSubscribers = 2
    public var streamRequestedDeadline: Duration = .seconds(30)
    /// How often a stream producer looks for a block not written yet.
    public var streamPollInterval: Duration = .seconds(1)

    // MARK: Detection

    /// A drain, a parked dispatcher or a pending shutdown lasting longer than this is a stall.
    /// Above the read deadline on purpose: from `permit-attached` on, a drain may rightly wait
    /// that long for a stuck reader to time out, and that is the fix working, not a stall.
    public var stallWarningThreshold: Duration = .seconds(6)

    public init() {}

    public static let incident = ColdConfig()
    public static let `default` = incident

    /// The read channel of a step: 256 before the fix, the permit count after it.
    public func readChannelCapacity(for policy: ColdPolicy) -> Int {
        readChannelCapacity(attachingPermits: policy.fixElements.contains(.permitAttachedByCaller))
    }

    /// The read channel when callers do (the permit count) or do not (256) attach their permit.
    func readChannelCapacity(attachingPermits: Bool) -> Int {
        attachingPermits ? readPermits : legacyReadChannelCapacity
    }

    var latencyModel: ColdLatencyModel {
        ColdLatencyModel(readMean: backendReadLatency, writePerBlock: backendWritePerBlockLatency)
    }
}

extension ColdConfig: ParameterSet {
    /// Load keys allow at least 100x their default; the floors of the loop intervals keep the
    /// event rate within 100x of the default's.
    public static let parameters = ParameterSchema<ColdConfig>(
        "cold",
        [
            .wholeNumber(
                "readPermits", \.readPermits, 1...10_000, unit: "permits",
                "read permits, and what the writer drains before each write (a semaphore of 0 traps)"),
            .wholeNumber("streamSlots", \.streamSlots, 1...1_000, unit: "streams", "streams served at once"),
            .wholeNumber(
                "writeChannelCapacity", \.writeChannelCapacity, 1...100_000, unit: "writes", "write channel slots"),
            .wholeNumber(
                "legacyReadChannelCapacity", \.legacyReadChannelCapacity, 1...100_000, unit: "reads",
                "read channel slots before permit-attached"),
            .wholeNumber(
                "streamOutputCapacity", \.streamOutputCapacity, 1...100_000, unit: "logs",
                "logs buffered per stream for a slow subscriber"),
            .duration(
                "readDeadline", \.readDeadline, .milliseconds(1)...(.seconds(3_600)),
                "deadline of every non-stream read and, in fixed, of stream setup"),
            .duration(
                "maxStreamDeadline", \.maxStreamDeadline, .milliseconds(1)...(.seconds(86_400)),
                "the longest a stream may last"),
            .wholeNumber(
                "maxLogsPerQuery", \.maxLogsPerQuery, 1...1_000_000, unit: "logs", "logs one query returns at most"),
            .duration(
                "shutdownGrace", \.shutdownGrace, .milliseconds(1)...(.seconds(3_600)),
                "fixed: how long shutdown waits for cancelled handlers and streams"),
            .duration(
                "backendReadLatency", \.backendReadLatency, .zero...(.seconds(60)), "mean latency of one backend read"),
            .duration(
                "backendWritePerBlockLatency", \.backendWritePerBlockLatency, .zero...(.seconds(60)),
                "backend write latency per block"),
            .wholeNumber("seedBlocks", \.seedBlocks, 1...10_000, unit: "blocks", "blocks in the backend at start"),
            .wholeNumber("logsPerBlock", \.logsPerBlock, 0...1_000, unit: "logs", "logs in every block"),
            // Every write appends a block that stays in memory: 100 ms is 120x the default's blocks.
            .duration(
                "writeInterval", \.writeInterval, .milliseconds(100)...(.seconds(86_400)), offAtZero: true,
                "a new block this often; 0s writes none"),
            .rate(
                "readRatePerSecond", \.readRatePerSecond, 0.001...2_000, offAtZero: true, unit: "reads/s",
                "reads per second of all the RPC clients together; 0 reads none"
            ).load,
            .wholeNumber(
                "readConcurrency", \.readConcurrency, 0...10_000, unit: "clients",
                "RPC clients, each with one read outstanding at most"),
            .wholeNumber("logSubscribers", \.logSubscribers, 0...1_000, unit: "subscribers", "log stream subscribers")
                .load,
            .duration(
                "streamRequestedDeadline", \.streamRequestedDeadline, .milliseconds(1)...(.seconds(86_400)),
                "how long a subscriber asks its stream to last"),
            .duration(
                "streamPollInterval", \.streamPollInterval, .milliseconds(10)...(.seconds(3_600)),
                "how often a stream producer looks for a new block"),
            .duration(
                "stallWarningThreshold", \.stallWarningThreshold, .milliseconds(1)...(.seconds(86_400)),
                "a drain, parked dispatcher or pending shutdown this long is a stall"),
        ])
}
