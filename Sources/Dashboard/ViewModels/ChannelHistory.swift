import Backpressure

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
/// `rowsListed` most pressing channels and the fullest of the rest. The members of an
/// `InstrumentGroup` (a listener's peer channels) are read here, not by the host: the pressing
/// ones every frame, the quiet ones in turns (`quietReadFrames`), since reading a snapshot is
/// most of a channel's cost and 20,000 quiet peers change nothing on the screen.
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
    /// A quiet member of a group (empty, ranked lowest, not listed in the last frame) is read
    /// once every this many frames, each frame a different slice: half a second at 10 fps, as
    /// the throttled panels. So a quiet peer channel that starts filling is listed, or shows as
    /// the fullest of the rest, at most this many frames late; a pressing one is read every
    /// frame.
    public static let quietReadFrames = 5

    private struct Track {
        var name: String
        /// Oldest first. Handed to the row as it is (no copy); appending copies it only while a
        /// previous frame's row still holds it, so the app drops its old model before building.
        var fills: [Double] = []
        var rejections = RejectionWindow()
        var standing = StickyLevel()
        /// The latest rate, for building the row when it is listed.
        var fullPerSecond = 0.0
        /// The latest reading and its owner, for the row.
        var channel: ChannelSnapshot
        var owner: InstrumentOwner?
        /// `sampledFrames` when the track took its last sample: a group member read in turns
        /// holds its last fill over the frames it was not read, so every sparkline keeps one
        /// sample per sampled frame.
        var sampledAt = 0

        init(_ channel: ChannelSnapshot, owner: InstrumentOwner?) {
            self.name = channel.name
            self.channel = channel
            self.owner = owner
        }

    }

    /// What ordering the channels and choosing which members to read need of a track, apart
    /// from its history and reading: the passes over every channel each frame walk this small,
    /// dense array (24 bytes a channel), not 20,000 tracks of a few hundred bytes each.
    private struct Standing {
        /// The sticky rank (`Track.standing.level`).
        var level: Int32 = 0
        /// Whether its name contains the filter (computed once per change of filter or names).
        var matchesFilter = true
        var occupied: Int32 = 0
        var capacity: Int32 = 0
        /// Position among the channels' names in `NaturalOrder`.
        var nameRank: Int32 = 0
        /// The observation that last listed it as a row (truncated: equality is all it is for).
        var listedAt: Int32 = 0

        var isFull: Bool { occupied >= capacity }
    }

    /// What a quiet reading of a group member compares with, by track index: read only for the
    /// members read in a frame.
    private struct QuietReading {
        /// Refused sends at the last reading taken into the track.
        var fullRejections = 0
        /// When a quiet reading last found the channel unchanged (still empty, no refused send)
        /// and left its track as it was; nil once the track takes a reading again.
        var at: Duration?
    }

    /// A group seen in the last frame and its members' tracks, in member order (-1: not a
    /// channel). Holding the group keeps its identity from being reused by another group.
    private struct GroupTracks {
        let group: InstrumentGroup
        var tracks: [Int]
    }

    private var tracks: [Track] = []
    /// Each track's standing, by the same index.
    private var standings: [Standing] = []
    private var quietReadings: [QuietReading] = []
    private var trackByName: [String: Int] = [:]
    /// The track of each channel of the last frame, by its position among the readings'
    /// channels, and that channel's name: the same channels in the same order find their
    /// tracks without hashing a name.
    private var slotTracks: [Int] = []
    private var slotNames: [String] = []
    private var groupTracks: [GroupTracks] = []
    private var lastSample: Duration?
    private var observation = 0
    /// Frames that took a sample (virtual time moved).
    private var sampledFrames = 0
    /// The filter `matchesFilter` was computed for (nil: never).
    private var filterApplied: String?
    /// A channel's sticky rank moved in this frame.
    private var ranksMoved = false
    /// The last frame's channels (tracks, filtered) and their order: most frames change no
    /// rank, and then the order stands.
    private var orderedTracks: [Int] = []
    private var order: [Int] = []

    public init() {}

    /// Records this frame's readings and the members of `groups`, and returns the channels'
    /// rows, most pressing first, only those whose name contains `filter` (ignoring case); `now`
    /// is virtual time since the run's start.
    public mutating func observe(
        _ resources: [InstrumentReading], groups: [InstrumentGroup] = [], at now: Duration, filter: String = ""
    ) -> ChannelsViewModel? {
        observation += 1
        ranksMoved = false
        let sampling = lastSample.map { now > $0 } ?? true
        if sampling {
            lastSample = now
            sampledFrames += 1
        }
        // Per channel of this frame (singles in reading order, then the groups' members): its
        // track and its sticky rank.
        var rowTracks: [Int] = []
        rowTracks.reserveCapacity(resources.count + (groupTracks.first?.tracks.count ?? 0))
        var namesChanged = false
        var slot = 0
        for resource in resources {
            guard case .channel(let channel) = resource.snapshot else { continue }
            let index: Int
            if slot < slotNames.count, slotNames[slot] == channel.name {
                index = slotTracks[slot]
            } else {
                index = track(for: channel, owner: resource.owner, namesChanged: &namesChanged)
                if slot < slotNames.count {
                    slotNames[slot] = channel.name
                    slotTracks[slot] = index
                } else {
                    slotNames.append(channel.name)
                    slotTracks.append(index)
                }
            }
            slot += 1
            // The owner is the registration's: it changes only if the name now belongs to another.
            if tracks[index].owner != resource.owner { tracks[index].owner = resource.owner }
            take(channel, into: index, at: now, sampling: sampling)
            rowTracks.append(index)
        }
        if slot < slotNames.count {
            slotNames.removeLast(slotNames.count - slot)
            slotTracks.removeLast(slotTracks.count - slot)
        }
        var seenGroups: [GroupTracks] = []
        for group in groups {
            let known = groupTracks.first { $0.group === group }
            var members = known?.tracks ?? []
            if known == nil {
                // First sight: every member is read, to know its name and whether it is a channel.
                members.reserveCapacity(group.members.count)
                for member in group.members {
                    guard case .channel(let channel) = member.resource.resourceSnapshot() else {
                        members.append(-1)
                        continue
                    }
                    let index = track(for: channel, owner: member.owner, namesChanged: &namesChanged)
                    tracks[index].owner = member.owner
                    take(channel, into: index, at: now, sampling: sampling)
                    members.append(index)
                    rowTracks.append(index)
                }
            } else {
                let turn = observation % Self.quietReadFrames
                for (position, index) in members.enumerated() where index >= 0 {
                    rowTracks.append(index)
                    let pressing = isPressing(index)
                    guard pressing || position % Self.quietReadFrames == turn,
                        case .channel(let channel) = group.members[position].resource.resourceSnapshot()
                    else { continue }
                    if !pressing, channel.length + channel.reserved == 0,
                        channel.fullRejections == quietReadings[index].fullRejections
                    {
                        // Still quiet: its track stays as it was (its fill held, see `take`),
                        // untouched, so a quiet read costs the read alone.
                        if sampling { quietReadings[index].at = now }
                    } else {
                        take(channel, into: index, at: now, sampling: sampling)
                    }
                }
            }
            seenGroups.append(GroupTracks(group: group, tracks: members))
        }
        groupTracks = seenGroups
        guard !rowTracks.isEmpty else { return nil }
        // Channels come and go (a cold log stream's channel lives as long as the stream).
        if tracks.count > rowTracks.count {
            forgetChannelsGone(&rowTracks)
            namesChanged = true
        }
        if namesChanged { rankNames() }
        if namesChanged || filterApplied != filter { apply(filter) }
        if !filter.isEmpty { rowTracks.removeAll { !standings[$0].matchesFilter } }
        guard !rowTracks.isEmpty else { return ChannelsViewModel(rows: [], filter: filter) }
        if namesChanged || ranksMoved || rowTracks != orderedTracks {
            order = pressingFirst(rowTracks)
            orderedTracks = rowTracks
        }
        let order = order
        let listed = order.prefix(Self.rowsListed).map { index in
            standings[index].listedAt = Int32(truncatingIfNeeded: observation)
            return row(tracks[index])
        }
        guard order.count > Self.rowsListed else { return ChannelsViewModel(rows: listed, filter: filter) }
        // The rest: how many, how many full, and the fullest (ties: the first in the order, the
        // higher rank, then the name). In track order, not in the order's: that one jumps about
        // the standings, a cache miss a channel.
        let listedAt = Int32(truncatingIfNeeded: observation)
        var fullest = order[Self.rowsListed]
        var full = 0
        for index in rowTracks where standings[index].listedAt != listedAt {
            let standing = standings[index]
            if standing.isFull { full += 1 }
            let best = standings[fullest]
            if standing.occupied > best.occupied
                || (standing.occupied == best.occupied
                    && (standing.level > best.level
                        || (standing.level == best.level && standing.nameRank < best.nameRank)))
            {
                fullest = index
            }
        }
        return ChannelsViewModel(
            rows: listed,
            remainder: ChannelsViewModel.Remainder(
                count: order.count - Self.rowsListed, full: full, fullest: row(tracks[fullest])),
            filter: filter)
    }

    /// A group member that must be read every frame: listed in the last frame, ranked above
    /// the lowest (filling, or refusing sends; sticky, so it stays read while its rank falls),
    /// or not empty (the rest's fullest must be current).
    private func isPressing(_ index: Int) -> Bool {
        standings[index].listedAt == Int32(truncatingIfNeeded: observation - 1) || standings[index].level > 0
            || standings[index].occupied > 0
    }

    /// The track of a channel met at a new position: by name, or a new one.
    private mutating func track(
        for channel: ChannelSnapshot, owner: InstrumentOwner?, namesChanged: inout Bool
    ) -> Int {
        if let known = trackByName[channel.name] { return known }
        tracks.append(Track(channel, owner: owner))
        standings.append(Standing())
        quietReadings.append(QuietReading())
        trackByName[channel.name] = tracks.count - 1
        namesChanged = true
        return tracks.count - 1
    }

    /// Takes one channel's reading into its track (in place): fill sample, rejection window,
    /// sticky rank.
    private mutating func take(_ channel: ChannelSnapshot, into index: Int, at now: Duration, sampling: Bool) {
        let sampledFrames = sampledFrames
        if sampling, let quietAt = quietReadings[index].at {
            // The count the quiet readings found unchanged, at the last of them: the rate is then
            // measured from there, not from before the channel went quiet.
            tracks[index].rejections.record(
                quietReadings[index].fullRejections, at: quietAt, windowStart: quietAt - Self.rateWindow)
        }
        quietReadings[index].at = nil
        let moved = Self.update(&tracks[index], with: channel, at: now, sampling: sampling) { track in
            // A new channel gets its first sample even while paused.
            guard sampling || track.fills.isEmpty else { return false }
            // Frames it was not read in (a quiet group member): its last fill held over them.
            if let last = track.fills.last {
                let missed = Swift.min(sampledFrames - track.sampledAt - 1, 2 * Self.capacitySamples)
                for _ in 0..<Swift.max(0, missed) { track.fills.append(last) }
            }
            track.sampledAt = sampledFrames
            return true
        }
        if moved { ranksMoved = true }
        standings[index].level = Int32(clamping: tracks[index].standing.level)
        standings[index].occupied = Int32(clamping: channel.length + channel.reserved)
        standings[index].capacity = Int32(clamping: channel.capacity)
        quietReadings[index].fullRejections = channel.fullRejections
    }

    /// Tracks sorted by rank (higher first), then name rank: a counting sort over the ranks of
    /// the tracks in name order, so O(n) rather than a comparison sort of every channel.
    private func pressingFirst(_ rowTracks: [Int]) -> [Int] {
        var byName = [Int](repeating: -1, count: tracks.count)
        var highest = 0
        for index in rowTracks {
            let nameRank = Int(standings[index].nameRank)
            guard byName[nameRank] == -1 else {
                // Two channels of one name share a track and a name rank: sort them the slow way.
                return rowTracks.sorted { a, b in
                    let (rankA, rankB) = (standings[a].level, standings[b].level)
                    return rankA != rankB ? rankA > rankB : standings[a].nameRank < standings[b].nameRank
                }
            }
            byName[nameRank] = index
            highest = Swift.max(highest, Int(standings[index].level))
        }
        // Where each rank's tracks start in the order, highest rank first.
        var starts = [Int](repeating: 0, count: highest + 2)
        for index in rowTracks { starts[highest - Int(standings[index].level) + 1] += 1 }
        for rank in 1..<starts.count { starts[rank] += starts[rank - 1] }
        var order = [Int](repeating: 0, count: rowTracks.count)
        for index in byName where index >= 0 {
            let slot = highest - Int(standings[index].level)
            order[starts[slot]] = index
            starts[slot] += 1
        }
        return order
    }

    /// Takes one channel's snapshot into its track (in place); `samples` decides whether this
    /// reading is a sample (and prepares the track for it). Returns whether the sticky rank
    /// changed.
    private static func update(
        _ track: inout Track, with channel: ChannelSnapshot, at now: Duration, sampling: Bool,
        samples: (inout Track) -> Bool
    ) -> Bool {
        track.channel = channel
        if samples(&track) {
            track.fills.append(channel.fill)
            while track.fills.count > 2 * capacitySamples { track.fills.removeFirst(capacitySamples) }
            track.rejections.record(channel.fullRejections, at: now, windowStart: now - rateWindow)
        }
        let rate = track.rejections.perSecond
        track.fullPerSecond = rate
        // As `ChannelRow.rank` would rank the row.
        let occupied = channel.length + channel.reserved
        let fill = channel.capacity > 0 ? Double(occupied) / Double(channel.capacity) : 0
        let level = track.standing.level
        track.standing.observe(
            ChannelRow.rank(fill: fill, isFull: occupied >= channel.capacity, fullPerSecond: rate), sampled: sampling)
        return track.standing.level != level
    }

    private func row(_ track: Track) -> ChannelRow {
        let channel = track.channel
        return ChannelRow(
            name: channel.name, length: channel.length, reserved: channel.reserved, capacity: channel.capacity,
            highWater: channel.highWater, fullPerSecond: track.fullPerSecond, waitingSenders: channel.waitingSenders,
            isClosed: channel.isClosed, fillHistory: track.fills, owner: track.owner)
    }

    /// Drops the tracks this frame did not see and renumbers the rest (`rowTracks` included).
    private mutating func forgetChannelsGone(_ rowTracks: inout [Int]) {
        var present = [Bool](repeating: false, count: tracks.count)
        for index in rowTracks { present[index] = true }
        var renumbered = [Int](repeating: -1, count: tracks.count)
        var kept: [Track] = []
        var keptStandings: [Standing] = []
        var keptQuiet: [QuietReading] = []
        kept.reserveCapacity(rowTracks.count)
        for (index, track) in tracks.enumerated() where present[index] {
            renumbered[index] = kept.count
            kept.append(track)
            keptStandings.append(standings[index])
            keptQuiet.append(quietReadings[index])
        }
        tracks = kept
        standings = keptStandings
        quietReadings = keptQuiet
        trackByName = Dictionary(uniqueKeysWithValues: tracks.enumerated().map { ($1.name, $0) })
        rowTracks = rowTracks.map { renumbered[$0] }
        slotTracks = slotTracks.map { renumbered[$0] }
        for group in groupTracks.indices {
            groupTracks[group].tracks = groupTracks[group].tracks.map { $0 >= 0 ? renumbered[$0] : -1 }
        }
    }

    /// Ranks the names once per change of the set of channels, so ordering a frame compares
    /// integers, not strings.
    private mutating func rankNames() {
        let sorted = tracks.indices.sorted { NaturalOrder.precedes(tracks[$0].name, tracks[$1].name) }
        for (rank, index) in sorted.enumerated() { standings[index].nameRank = Int32(rank) }
    }

    /// Marks the tracks whose name contains `filter`, ignoring case: once per change of the
    /// filter or of the set of channels, not per frame.
    private mutating func apply(_ filter: String) {
        let needle = filter.lowercased()
        for index in tracks.indices {
            standings[index].matchesFilter = needle.isEmpty || tracks[index].name.lowercased().contains(needle)
        }
        filterApplied = filter
    }

    /// Forgets everything (on restart).
    public mutating func reset() { self = ChannelHistory() }
}
