import Backpressure
import DequeModule
import Runtime

/// Events per second over a sliding window of the runtime's time (handshakes per second).
final class RateMeter: Sendable {
    private let window: Duration
    private let stamps = LockedState(Deque<RuntimeInstant>())

    init(window: Duration) {
        precondition(window > .zero, "a rate needs a window")
        self.window = window
    }

    func record(at now: RuntimeInstant) {
        stamps.withLock { stamps in
            stamps.append(now)
            prune(&stamps, now: now)
        }
    }

    func perSecond(at now: RuntimeInstant) -> Double {
        stamps.withLock { stamps in
            prune(&stamps, now: now)
            return Double(stamps.count) / window.seconds
        }
    }

    private func prune(_ stamps: inout Deque<RuntimeInstant>, now: RuntimeInstant) {
        while let first = stamps.first, first.advanced(by: window) <= now { stamps.removeFirst() }
    }
}
