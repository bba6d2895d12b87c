#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an instrumented primitive reads "now" when it stamps a holder or a waiter.
///
/// Time is a `Duration` since an epoch chosen by the source, so ages are differences of two
/// readings. The engine passes its runtime's virtual clock, which keeps snapshots deterministic;
/// services outside the engine use `monotonic`. Reading the time is skipped on the untracked fast
/// paths (no label), so instrumentation costs nothing unless asked for.
public struct TimeSource: Sendable {
    public let now: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    /// The system's monotonic clock (CLOCK_MONOTONIC), for use outside the deterministic runtime.
    public static let monotonic = TimeSource {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }
}
