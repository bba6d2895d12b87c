import Backpressure
import DequeModule
import Runtime

/// What the channels panel needs across frames: fill samples for the sparkline and recent full
/// rejections for the rate. Sampled only when virtual time moved, so a paused run's sparkline
/// stands still instead of repeating the same sample.
public struct ChannelHistory: Sendable {
    /// Samples kept per channel: the widest sparkline a 200-column screen draws.
    public static let capacitySamples = 120
    /// The window the full-rejection rate is measured over.
    public static let rateWindow: Duration = .seconds(1)

    private struct Track {
        var fills = Deque<Double>()
        var rejections = Deque<(at: RuntimeInstant, count: Int)>()
    }

    private var tracks: [String: Track] = [:]
    private var lastSample: RuntimeInstant?

    public init() {}

    /// Records this frame's snapshots and returns the channels' rows.
    public mutating func observe(_ resources: [ResourceSnapshot], at now: RuntimeInstant) -> ChannelsViewModel? {
        let channels = resources.compactMap { resource -> ChannelSnapshot? in
            if case .channel(let snapshot) = resource { return snapshot }
            return nil
        }
        guard !channels.isEmpty else { return nil }
        let sampling = lastSample.map { now > $0 } ?? true
        if sampling { lastSample = now }
        var rows: [ChannelRow] = []
        rows.reserveCapacity(channels.count)
        for channel in channels {
            var track = tracks[channel.name] ?? Track()
            if sampling || track.fills.isEmpty {
                track.fills.append(channel.fill)
                if track.fills.count > Self.capacitySamples { track.fills.removeFirst() }
                track.rejections.append((now, channel.fullRejections))
                while let first = track.rejections.first, track.rejections.count > 2,
                      first.at.duration(to: now) > Self.rateWindow {
                    track.rejections.removeFirst()
                }
            }
            tracks[channel.name] = track
            var rate = 0.0
            if let first = track.rejections.first, let last = track.rejections.last {
                let span = first.at.duration(to: last.at).seconds
                if span > 0 { rate = Double(last.count - first.count) / span }
            }
            rows.append(ChannelRow(
                name: channel.name, length: channel.length, reserved: channel.reserved, capacity: channel.capacity,
                highWater: channel.highWater, fullPerSecond: rate, waitingSenders: channel.waitingSenders,
                isClosed: channel.isClosed, fillHistory: Array(track.fills)))
        }
        return ChannelsViewModel(rows: rows)
    }

    /// Forgets everything (on restart).
    public mutating func reset() { self = ChannelHistory() }
}
