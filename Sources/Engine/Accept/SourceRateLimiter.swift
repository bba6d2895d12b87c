import Backpressure
import Runtime

/// The accept loop's per-source check: at most `limit` connections per source in a fixed
/// window. Synchronous and cheap, so it never holds the accept loop up.
final class SourceRateLimiter: Sendable {
    private struct Window {
        var start: RuntimeInstant
        var count: Int
    }

    /// Sources remembered before expired windows are swept.
    static let trackedSourcesBeforeSweep = 4_096

    private let limit: Int
    private let window: Duration
    private let windows = LockedState<[String: Window]>([:])

    init(limit: Int, window: Duration) {
        precondition(limit > 0 && window > .zero, "a rate limit needs a positive limit and window")
        self.limit = limit
        self.window = window
    }

    /// True if `source` may open another connection at `now`.
    func admit(_ source: String, at now: RuntimeInstant) -> Bool {
        windows.withLock { windows in
            if windows.count > Self.trackedSourcesBeforeSweep {
                // Forget expired windows so a scan of many sources cannot grow this without bound.
                windows = windows.filter { $0.value.start.duration(to: now) < window }
            }
            var entry = windows[source] ?? Window(start: now, count: 0)
            if entry.start.duration(to: now) >= window { entry = Window(start: now, count: 0) }
            guard entry.count < limit else { return false }
            entry.count += 1
            windows[source] = entry
            return true
        }
    }
}
