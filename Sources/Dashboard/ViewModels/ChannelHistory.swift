import Backpressure
import DequeModule

/// What the channels panel needs across frames: fill samples for the sparkline, recent full
/// rejections for the rate, and each channel's standing for the order. Sampled only when
/// virtual time moved, so a paused run's sparkline stands still instead of repeating the same
/// sample.
///
/// Rows come out in the order an operator reads them (`ChannelRow.rank`: full first, then by
/// fill, then refusing sends; equals by name), not in registration order, where the 200
/// listener peer channels would push the interesting ones off the panel. A row's rank is
/// sticky (`StickyLevel`), so rows do not jump while a fill flickers.
public struct ChannelHistory: Sendable {
    /// Samples kept per channel: the widest sparkline a 200-column screen draws. A history
    /// grows to twice this before its oldest half goes (the sparkline draws the newest), so the
    /// 200-odd histories are not shifted by one sample every frame.
    public static let capacitySamples = 120
    /// The window the full-rejection rate is measured over.
    public static let rateWindow: Duration = .seconds(1)

    private struct Track {
        /// Oldest first. Handed to the row as it is (no copy); appending copies it only while a
        /// previous frame's row still holds it, so the app drops its old model before building.
        var fills: [Double] = []
        var rejections = Deque<(at: Duration, count: Int)>()
        var standing = StickyLevel()
        /// Position among the channels' names in `NaturalOrder`.
        var nameRank = 0
        /// The observation that last saw the channel; older tracks belong to channels gone.
        var seen = 0
    }

    private var tracks: [String: Track] = [:]
    private var lastSample: Duration?
    private var observation = 0

    public init() {}

    /// Records this frame's readings and returns the channels' rows, most pressing first; `now`
    /// is virtual time since the run's start.
    public mutating func observe(_ resources: [InstrumentReading], at now: Duration) -> ChannelsViewModel? {
        observation += 1
        let sampling = lastSample.map { now > $0 } ?? true
        if sampling { lastSample = now }
        var rows: [ChannelRow] = []
        var ranks: [Int] = []
        var nameRanks: [Int] = []
        rows.reserveCapacity(resources.count)
        ranks.reserveCapacity(resources.count)
        nameRanks.reserveCapacity(resources.count)
        var namesChanged = false
        for resource in resources {
            guard case .channel(let channel) = resource.snapshot else { continue }
            let index: Dictionary<String, Track>.Index
            if let known = tracks.index(forKey: channel.name) {
                index = known
            } else {
                tracks[channel.name] = Track()
                index = tracks.index(forKey: channel.name)!
                namesChanged = true
            }
            // A new channel gets its first sample even while paused.
            let firstSample = tracks.values[index].fills.isEmpty
            let (row, rank, nameRank) = Self.update(
                &tracks.values[index], with: channel, owner: resource.owner, at: now, sampling: sampling || firstSample, observation: observation)
            rows.append(row)
            ranks.append(rank)
            nameRanks.append(nameRank)
        }
        guard !rows.isEmpty else { return nil }
        // Channels come and go (a cold log stream's channel lives as long as the stream).
        if tracks.count > rows.count {
            tracks = tracks.filter { $0.value.seen == observation }
            namesChanged = true
        }
        if namesChanged {
            rankNames()
            nameRanks = rows.map { tracks[$0.name]?.nameRank ?? 0 }
        }
        let order = rows.indices.sorted { a, b in
            ranks[a] != ranks[b] ? ranks[a] > ranks[b] : nameRanks[a] < nameRanks[b]
        }
        return ChannelsViewModel(rows: order.map { rows[$0] })
    }

    /// Takes one channel's snapshot into its track (in place: the dictionary's storage is not
    /// copied) and returns its row.
    private static func update(_ track: inout Track, with channel: ChannelSnapshot, owner: InstrumentOwner?, at now: Duration,
                               sampling: Bool, observation: Int) -> (ChannelRow, rank: Int, nameRank: Int) {
        track.seen = observation
        if sampling {
            track.fills.append(channel.fill)
            if track.fills.count > 2 * capacitySamples { track.fills.removeFirst(capacitySamples) }
            track.rejections.append((now, channel.fullRejections))
            let windowStart = now - rateWindow
            while let first = track.rejections.first, track.rejections.count > 2, first.at < windowStart {
                track.rejections.removeFirst()
            }
        }
        var rate = 0.0
        // Most channels never refuse a send: no span to measure then.
        if let first = track.rejections.first, let last = track.rejections.last, last.count != first.count {
            let span = Format.seconds(last.at - first.at)
            if span > 0 { rate = Double(last.count - first.count) / span }
        }
        let row = ChannelRow(
            name: channel.name, length: channel.length, reserved: channel.reserved, capacity: channel.capacity,
            highWater: channel.highWater, fullPerSecond: rate, waitingSenders: channel.waitingSenders,
            isClosed: channel.isClosed, fillHistory: track.fills, owner: owner)
        track.standing.observe(row.rank, sampled: sampling)
        return (row, track.standing.level, track.nameRank)
    }

    /// Ranks the names once per change of the set of channels, so sorting a frame compares
    /// integers, not strings.
    private mutating func rankNames() {
        for (rank, name) in tracks.keys.sorted(by: NaturalOrder.precedes).enumerated() {
            tracks[name]?.nameRank = rank
        }
    }

    /// Forgets everything (on restart).
    public mutating func reset() { self = ChannelHistory() }
}
