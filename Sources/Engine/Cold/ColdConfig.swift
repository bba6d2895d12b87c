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
        policy.attachesPermitAtCaller ? readPermits : legacyReadChannelCapacity
    }

    var latencyModel: ColdLatencyModel {
        ColdLatencyModel(readMean: backendReadLatency, writePerBlock: backendWritePerBlockLatency)
    }

    // MARK: Scenario overrides

    private static var integerKeys: [String: WritableKeyPath<ColdConfig, Int>] { [
        "readPermits": \.readPermits, "streamSlots": \.streamSlots,
        "writeChannelCapacity": \.writeChannelCapacity, "legacyReadChannelCapacity": \.legacyReadChannelCapacity,
        "streamOutputCapacity": \.streamOutputCapacity, "maxLogsPerQuery": \.maxLogsPerQuery,
        "seedBlocks": \.seedBlocks, "logsPerBlock": \.logsPerBlock, "readConcurrency": \.readConcurrency,
        "logSubscribers": \.logSubscribers,
    ] }
    private static var durationKeys: [String: WritableKeyPath<ColdConfig, Duration>] { [
        "readDeadline": \.readDeadline, "maxStreamDeadline": \.maxStreamDeadline, "shutdownGrace": \.shutdownGrace,
        "backendReadLatency": \.backendReadLatency, "backendWritePerBlockLatency": \.backendWritePerBlockLatency,
        "writeInterval": \.writeInterval, "streamRequestedDeadline": \.streamRequestedDeadline,
        "streamPollInterval": \.streamPollInterval, "stallWarningThreshold": \.stallWarningThreshold,
    ] }
    private static var rateKeys: [String: WritableKeyPath<ColdConfig, Double>] { [
        "readRatePerSecond": \.readRatePerSecond
    ] }

    public static let settableKeys: [String] =
        (Array(integerKeys.keys) + Array(durationKeys.keys) + Array(rateKeys.keys)).sorted()

    /// Sets one field by name: integers, rates (`2.5`), durations (`5s`, `200ms`, `1.5m`).
    public mutating func set(_ key: String, _ value: String) throws {
        if let path = Self.integerKeys[key] {
            guard let number = Int(value), number >= 0 else { throw Self.badValue(key, value, "a whole number") }
            self[keyPath: path] = number
        } else if let path = Self.durationKeys[key] {
            guard let duration = Self.parseDuration(value) else { throw Self.badValue(key, value, "a duration like 5s or 200ms") }
            self[keyPath: path] = duration
        } else if let path = Self.rateKeys[key] {
            guard let rate = Double(value), rate >= 0, rate.isFinite else { throw Self.badValue(key, value, "a rate like 20 or 0.5") }
            self[keyPath: path] = rate
        } else {
            throw ColdConfigError(
                description: "unknown cold key '\(key)'; valid keys: \(Self.settableKeys.joined(separator: ", "))")
        }
    }

    private static func badValue(_ key: String, _ value: String, _ expected: String) -> ColdConfigError {
        ColdConfigError(description: "cold key '\(key)': '\(value)' is not \(expected)")
    }

    static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("us", 0.000_001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let amount = Double(text.dropLast(unit.suffix.count)), amount >= 0, amount.isFinite else { return nil }
            return .nanoseconds(Int64((amount * unit.seconds * 1e9).rounded()))
        }
        return nil
    }
}
