import Backpressure

/// The faults a trust disk injects: extra latency on every fsync, failing writes.
public final class TrustDiskFaults: Sendable {
    private struct State {
        var fsyncLatency: Duration = .zero
        var failingWrites = false
        var failNextWrites = 0
    }

    private let state = LockedState(State())

    public init(fsyncLatency: Duration = .zero) {
        state.withLock { $0.fsyncLatency = fsyncLatency }
    }

    /// Added to every fsync (file and directory), in the runtime's time.
    public var fsyncLatency: Duration {
        get { state.withLock { $0.fsyncLatency } }
        set { state.withLock { $0.fsyncLatency = newValue } }
    }

    /// While true, every write fails.
    public var failingWrites: Bool {
        get { state.withLock { $0.failingWrites } }
        set { state.withLock { $0.failingWrites = newValue } }
    }

    /// Makes the next `count` writes fail.
    public func failNextWrites(_ count: Int) {
        state.withLock { $0.failNextWrites += count }
    }

    /// Whether the write starting now must fail (consumes one "fail next" if any).
    func shouldFailWrite() -> Bool {
        state.withLock { state in
            if state.failingWrites { return true }
            guard state.failNextWrites > 0 else { return false }
            state.failNextWrites -= 1
            return true
        }
    }
}
