/// A channel's full-rejection counts over the recent window, oldest first: what the rate of
/// refused sends is measured over. At least the two newest samples are kept, however old, so a
/// paused or slow run still has a span to measure.
///
/// An array and the index of its oldest live sample, compacted once that index passes half the
/// array (and `compactAfter`): each sample is appended and dropped once, without the reallocation a deque's
/// uniqueness check and regrowth cost on each of 20,000 peer channels a frame (issue 17).
struct RejectionWindow: Sendable {
    private var samples: [(at: Duration, count: Int)] = []
    private var start = 0
    /// Dropped samples kept before the array is compacted: moving a few elements costs less
    /// than the call, so not after every sample.
    static let compactAfter = 16

    /// Samples kept in all.
    var count: Int { samples.count - start }

    /// Adds `count` at `now` and drops the samples older than `windowStart` (keeping two).
    mutating func record(_ count: Int, at now: Duration, windowStart: Duration) {
        samples.append((now, count))
        while samples.count - start > 2, samples[start].at < windowStart { start += 1 }
        if start >= Self.compactAfter, start * 2 >= samples.count {
            samples.removeFirst(start)
            start = 0
        }
        assert(self.count >= 1, "a recorded window holds its newest sample")
    }

    /// Refused sends per second between the oldest and the newest sample; 0 when the count did
    /// not move (most channels never refuse a send: no span to measure then).
    var perSecond: Double {
        guard let last = samples.last, start < samples.count, last.count != samples[start].count else { return 0 }
        let first = samples[start]
        let span = Format.seconds(last.at - first.at)
        return span > 0 ? Double(last.count - first.count) / span : 0
    }
}
