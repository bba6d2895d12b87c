/// The stream relay at one instant: what the streams panel draws and scenarios judge.
public struct RelaySnapshot: Sendable, Equatable, Codable {
    public let policy: RelayPolicy
    public let hopCount: Int
    /// Active streams first (oldest first), then the most recently finished ones.
    public let streams: [RelayStreamSnapshot]
    public let totals: RelayTotals
    /// Whether a fault stopped the source.
    public let sourceStopped: Bool
    /// Hops slowed by a fault, with their slowdown factor.
    public let slowedHops: [Int: Int]
    /// One per stalled stream, naming where and why ("stream 4 stalled at hop 3 after 1
    /// fragment: fork cancelled by upstream drop").
    public let warnings: [StallWarning]
}

extension RelaySnapshot {
    /// Flat numbers for the run report, unprefixed (the engine adds `relay.`).
    public var metrics: [String: Double] {
        [
            "streamsStarted": Double(totals.streamsStarted),
            "streamsDone": Double(totals.streamsDone),
            "streamsFailed": Double(totals.streamsFailed),
            "streamsStalled": Double(totals.streamsStalled),
            "bytesDelivered": Double(totals.bytesDelivered),
            "upstreamDrops": Double(totals.upstreamDrops),
            "upstreamMigrations": Double(totals.upstreamMigrations),
            "longestSilenceSeconds": streams.filter { $0.state == .stalled || $0.state == .flowing }
                .map(\.sinceLastFragment.seconds).max() ?? 0,
        ]
    }
}
