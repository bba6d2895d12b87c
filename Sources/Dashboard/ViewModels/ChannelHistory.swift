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
///
/// A frame costs O(channels) with a small constant (issue 17: 20,000 peer channels within the
/// frame budget): a channel's track is found by its position in the last frame (a name lookup
/// only when the set of channels changed), the order is a bucket pass over the ranks in name
/// order (the names are ranked once per change of the set), and rows are built only for the
/// `rowsListed` most pressing channels and the fullest of the rest.
public struct ChannelHistory: Sendable {
    /// Samples kept per channel: the widest sparkline a 200-column screen draws. A history
    /// grows to twice this before its oldest half goes (the sparkline draws the newest), so the
    /// 200-odd histories are not shifted by one sample every frame.
    public static let capacitySamples = 120
    /// The window the full-rejection rate is measured over.
    public static let rateWindow: Duration = .seconds(1)
    /// Channels listed one by one, most pressing first; the rest are summed up in one line. Above
    /// `steady`'s 204 channels, so a default run lists every channel.
    public static let rowsListed = 256

    private struct Track {
        var name: String
        /// Oldest first. Handed to the row as it is (no copy); appending copies it only while a
        /// previous frame's row still holds it, so the app drops its old model before building.
        var fills: [Double] = []
        var rejections = Deque<(at: Duration, count: Int)>()
        var standing = StickyLevel()
        /// Position among the channels' names in `NaturalOrder`.
        var nameRank = 0
        /// The observation that last saw the channel; older tracks belong to channels gone.
        var seen = 0
        /// The latest rate, for building the row when it is listed.
        var fullPerSecond = 0.0

        init(name: String) { self.name = name }
    }

    private var tracks: [Track] = []
    private var trackByName: [String: Int] = [:]
    /// The track of each channel of the last frame, by its position among the readings'
    /// channels, and that channel's name: the same channels in the same order find their
    /// tracks without hashing a name.
    private var slotTracks: [Int] = []
    private var slotNames: [String] = []
    private var lastSample: Duration?
    private var observation = 0

    public init() {}

    /// Records this frame's readings and returns the channels' rows, most pressing first; `now`
    /// is virtual time since the run's start.
    public mutating func observe(_ resources: [InstrumentReading], at now: Duration) -> ChannelsViewModel? {
        observation += 1
        let sampling = lastSample.map { now > $0 } ?? true
        if sampling { lastSample = now }
        // Per channel of this frame (in reading order): its track and its sticky rank.
        var rowTracks: [Int] = []
        var ranks: [Int] = []
        var readings: [Int] = []
        var occupied: [Int] = []
        rowTracks.reserveCapacity(resources.count)
        ranks.reserveCapacity(resources.count)
        readings.reserveCapacity(resources.count)
        occupied.reserveCapacity(resources.count)
        var namesChanged = false
        var slot = 0
        for (position, resource) in resources.enumerated() {
            guard case .channel(let channel) = resource.snapshot else { continue }
            let index: Int
            if slot < slotNames.count, slotNames[slot] == channel.name {
                index = slotTracks[slot]
            } else {
                if let known = trackByName[channel.name] {
                    index = known
                } else {
                    index = tracks.count
                    tracks.append(Track(name: channel.name))
                    trackByName[channel.name] = index
                    namesChanged = true
                }
                if slot < slotNames.count {
                    slotNames[slot] = channel.name
                    slotTracks[slot] = index
                } else {
                    slotNames.append(channel.name)
                    slotTracks.append(index)
                }
            }
            slot += 1
            // A new channel gets its first sample even while paused.
            let firstSample = tracks[index].fills.isEmpty
            let rank = Self.update(
                &tracks[index], with: channel, at: now, sampling: sampling || firstSample, observation: observation)
            rowTracks.append(index)
            ranks.append(rank)
            readings.append(position)
            occupied.append(channel.length + channel.reserved)
        }
        if slot < slotNames.count {
            slotNames.removeLast(slotNames.count - slot)
            slotTracks.removeLast(slotTracks.count - slot)
        }
        guard !rowTracks.isEmpty else { return nil }
        // Channels come and go (a cold log stream's channel lives as long as the stream).
        if tracks.count > rowTracks.count {
            forgetChannelsGone(&rowTracks)
            namesChanged = true
        }
        if namesChanged { rankNames() }
        let order = Self.pressingFirst(rowTracks.map { tracks[$0].nameRank }, ranks: ranks)
        func row(_ at: Int) -> ChannelRow { self.row(tracks[rowTracks[at]], resources[readings[at]]) }
        let listed = order.prefix(Self.rowsListed).map(row)
        guard order.count > Self.rowsListed else { return ChannelsViewModel(rows: listed) }
        // The rest: how many, how many full, and the fullest (ties: the first in the order).
        var fullest = order[Self.rowsListed]
        var full = 0
        for at in order[Self.rowsListed...] {
            if case .channel(let channel) = resources[readings[at]].snapshot, occupied[at] >= channel.capacity {
                full += 1
            }
            if occupied[at] > occupied[fullest] { fullest = at }
        }
        return ChannelsViewModel(
            rows: listed,
            remainder: ChannelsViewModel.Remainder(
                count: order.count - Self.rowsListed, full: full, fullest: row(fullest)))
    }

    /// Positions sorted by rank (higher first), then name rank: a bucket per rank, filled in
    /// name order, so O(n) rather than a comparison sort of every channel each frame.
    private static func pressingFirst(_ nameRanks: [Int], ranks: [Int]) -> [Int] {
        var byName = [Int](repeating: -1, count: nameRanks.count)
        for (position, nameRank) in nameRanks.enumerated() {
            guard nameRank < byName.count, byName[nameRank] == -1 else {
                // Two channels of one name share a track and a name rank: sort them the slow way.
                return nameRanks.indices.sorted { a, b in
                    ranks[a] != ranks[b] ? ranks[a] > ranks[b] : nameRanks[a] < nameRanks[b]
                }
            }
            byName[nameRank] = position
        }
        let highest = ranks.max() ?? 0
        var buckets = [[Int]](repeating: [], count: highest + 1)
        for position in byName { buckets[ranks[position]].append(position) }
        return buckets.reversed().flatMap { $0 }
    }

    /// Takes one channel's snapshot into its track (in place) and returns its sticky rank.
    private static func update(
        _ track: inout Track, with channel: ChannelSnapshot, at now: Duration,
        sampling: Bool, observation: Int
    ) -> Int {
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
        track.fullPerSecond = rate
        // As `ChannelRow.rank` would rank the row.
        let occupied = channel.length + channel.reserved
        let fill = channel.capacity > 0 ? Double(occupied) / Double(channel.capacity) : 0
        track.standing.observe(
            ChannelRow.rank(fill: fill, isFull: occupied >= channel.capacity, fullPerSecond: rate), sampled: sampling)
        return track.standing.level
    }

    private func row(_ track: Track, _ reading: InstrumentReading) -> ChannelRow {
        guard case .channel(let channel) = reading.snapshot else {
            preconditionFailure("a channel's row from another reading")
        }
        return ChannelRow(
            name: channel.name, length: channel.length, reserved: channel.reserved, capacity: channel.capacity,
            highWater: channel.highWater, fullPerSecond: track.fullPerSecond, waitingSenders: channel.waitingSenders,
            isClosed: channel.isClosed, fillHistory: track.fills, owner: reading.owner)
    }

    /// Drops the tracks this frame did not see and renumbers the rest (`rowTracks` included).
    private mutating func forgetChannelsGone(_ rowTracks: inout [Int]) {
        var renumbered = [Int](repeating: -1, count: tracks.count)
        var kept: [Track] = []
        kept.reserveCapacity(rowTracks.count)
        for (index, track) in tracks.enumerated() where track.seen == observation {
            renumbered[index] = kept.count
            kept.append(track)
        }
        tracks = kept
        trackByName = Dictionary(uniqueKeysWithValues: tracks.enumerated().map { ($1.name, $0) })
        rowTracks = rowTracks.map { renumbered[$0] }
        slotTracks = slotTracks.map { renumbered[$0] }
    }

    /// Ranks the names once per change of the set of channels, so ordering a frame compares
    /// integers, not strings.
    private mutating func rankNames() {
        let sorted = tracks.indices.sorted { NaturalOrder.precedes(tracks[$0].name, tracks[$1].name) }
        for (rank, index) in sorted.enumerated() { tracks[index].nameRank = rank }
    }

    /// Forgets everything (on restart).
    public mutating func reset() { self = ChannelHistory() }
}
