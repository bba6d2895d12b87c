/// Every bound and workload knob of the stream relay, with the incident's values by default
/// (see Relay/README.md, constants).
public struct RelayConfig: Sendable, Equatable, Codable {
    /// Links from the source to the receiver; relays sit at hops 1..<hopCount.
    public var hopCount = 10
    /// Size of each streamed payload (the incident's PUT was 253 KB).
    public var payloadBytes = 253_000
    /// Payload per fragment: the ~1,263 bytes the incident's telemetry showed for one fragment.
    public var fragmentPayloadBytes = 1_263
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

    var hopLatency: Duration { .milliseconds(hopLatencyMilliseconds) }
    var streamInactivityTimeout: Duration { .seconds(streamInactivityTimeoutSeconds) }
    var stallWarningAfter: Duration { .seconds(stallWarningAfterSeconds) }
}

extension RelayConfig: ParameterSet {
    /// Every node buffers every stream's payload, so hops and payload are capped together: at most
    /// 100 hops of 10 MB. Below 64-byte fragments a payload becomes more fragment events than bytes
    /// worth relaying.
    public static let parameters = ParameterSchema<RelayConfig>(
        "relay",
        [
            .wholeNumber("hopCount", \.hopCount, 1...100, unit: "hops", "links from the source to the receiver"),
            .wholeNumber(
                "payloadBytes", \.payloadBytes, 1...10_000_000, unit: "bytes", "size of each streamed payload"),
            .wholeNumber(
                "fragmentPayloadBytes", \.fragmentPayloadBytes, 64...65_535, unit: "bytes",
                "payload per fragment, up to the largest datagram"),
            .wholeNumber(
                "hopLatencyMilliseconds", \.hopLatencyMilliseconds, 0...60_000, unit: "ms",
                "one-way latency of every link"),
            .wholeNumber(
                "hopJitterMilliseconds", \.hopJitterMilliseconds, 0...60_000, unit: "ms",
                "extra random latency per fragment, up to this much"),
            .wholeNumber(
                "hopRateBytesPerSecond", \.hopRateBytesPerSecond, 1...10_000_000_000, unit: "bytes/s",
                "each link's transmit rate"),
            .wholeNumber(
                "streamInactivityTimeoutSeconds", \.streamInactivityTimeoutSeconds, 1...86_400, unit: "s",
                "fixed: how long a pipe or receiver waits for one fragment"),
            .wholeNumber(
                "streamCount", \.streamCount, 0...1_000, unit: "streams",
                "streams the source sends; 0 keeps sending until stop"
            ).load,
            // With streamCount 0 the source starts a stream every interval for the whole run: 20 ms
            // is 100x the default's streams.
            .wholeNumber(
                "streamIntervalMilliseconds", \.streamIntervalMilliseconds, 20...86_400_000, unit: "ms",
                "pause between the starts of two streams"),
            .wholeNumber(
                "stallWarningAfterSeconds", \.stallWarningAfterSeconds, 1...86_400, unit: "s",
                "a stream with no new fragment for this long is stalled"),
        ])
}
