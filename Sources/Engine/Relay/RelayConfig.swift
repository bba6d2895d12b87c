/// Every bound and workload knob of the stream relay, with the incident's values by default
/// (see Relay/README.md, constants).
public struct RelayConfig: Sendable, Equatable, Codable {
    /// Links from the source to the receiver; relays sit at hops 1..<hopCount.
    public var hopCount = 10
    /// Size of each streamed payload (the incident's PUT was 253 KB).
    public var payloadBytes = 253_000
    /// Payload per fragment: a 1500-byte MTU minus headers.
    public var fragmentPayloadBytes = 1_422
    /// One-way latency of every link.
    public var hopLatencyMilliseconds = 20
    /// Extra random latency per fragment, up to this much (seeded).
    public var hopJitterMilliseconds = 5
    /// Each link's transmit rate.
    public var hopRateBytesPerSecond = 1_000_000
    /// `STREAM_INACTIVITY_TIMEOUT`: how long a `fixed` pipe or receiver waits for one fragment.
    public var streamInactivityTimeoutSeconds = 30
    /// Streams the source sends after `start()`; 0 keeps sending until `stop()`.
    public var streamCount = 1
    /// Pause between the starts of two streams.
    public var streamIntervalMilliseconds = 2_000
    /// A stream with no new fragment anywhere for this long is reported stalled.
    public var stallWarningAfterSeconds = 5

    public init() {}

    public static let incident = RelayConfig()
    public static let `default` = incident

    public static let settableKeys = [
        "hopCount", "payloadBytes", "fragmentPayloadBytes", "hopLatencyMilliseconds", "hopJitterMilliseconds",
        "hopRateBytesPerSecond", "streamInactivityTimeoutSeconds", "streamCount", "streamIntervalMilliseconds",
        "stallWarningAfterSeconds",
    ]

    /// Sets the knob named `key` from its text, as scenarios do with `--set key=value`.
    public mutating func set(_ key: String, _ value: String) throws {
        let path: WritableKeyPath<RelayConfig, Int>
        var minimum = 0
        switch key {
        case "hopCount": path = \.hopCount; minimum = 1
        case "payloadBytes": path = \.payloadBytes; minimum = 1
        case "fragmentPayloadBytes": path = \.fragmentPayloadBytes; minimum = 1
        case "hopLatencyMilliseconds": path = \.hopLatencyMilliseconds
        case "hopJitterMilliseconds": path = \.hopJitterMilliseconds
        case "hopRateBytesPerSecond": path = \.hopRateBytesPerSecond; minimum = 1
        case "streamInactivityTimeoutSeconds": path = \.streamInactivityTimeoutSeconds; minimum = 1
        case "streamCount": path = \.streamCount
        case "streamIntervalMilliseconds": path = \.streamIntervalMilliseconds
        case "stallWarningAfterSeconds": path = \.stallWarningAfterSeconds; minimum = 1
        default: throw RelayConfigError.unknownKey(key, valid: Self.settableKeys)
        }
        guard let number = Int(value), number >= minimum else {
            throw RelayConfigError.badValue(key: key, value: value, expected: "an integer >= \(minimum)")
        }
        self[keyPath: path] = number
    }

    var hopLatency: Duration { .milliseconds(hopLatencyMilliseconds) }
    var streamInactivityTimeout: Duration { .seconds(streamInactivityTimeoutSeconds) }
    var stallWarningAfter: Duration { .seconds(stallWarningAfterSeconds) }
}
