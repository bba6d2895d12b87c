import Histogram
import Backpressure

/// Records durations into an HDR histogram (3 significant digits, 1 ns to 1 hour) and reports
/// percentiles: lock hold times, loop iteration latency, fsync durations.
public final class LatencyRecorder: Sendable {
    /// Longest duration recorded exactly; longer ones are clamped to it.
    public static let highestTrackable: Duration = .seconds(3_600)

    private let histogram: LockedState<Histogram<UInt64>>

    public init() {
        histogram = LockedState(Histogram(highestTrackableValue: UInt64(Self.highestTrackable.nanoseconds)))
    }

    public func record(_ duration: Duration) {
        let nanoseconds = UInt64(max(0, min(duration.nanoseconds, Self.highestTrackable.nanoseconds)))
        _ = histogram.withLock { $0.record(nanoseconds) }
    }

    public func reset() {
        histogram.withLock { $0.reset() }
    }

    public var summary: LatencySummary {
        histogram.withLock { h in
            h.totalCount == 0 ? .empty : LatencySummary(
                count: Int(h.totalCount),
                p50: .nanoseconds(Int64(h.valueAtPercentile(50))),
                p99: .nanoseconds(Int64(h.valueAtPercentile(99))),
                max: .nanoseconds(Int64(h.max)))
        }
    }
}

/// Percentiles of a `LatencyRecorder`.
public struct LatencySummary: Sendable, Equatable, Codable {
    public let count: Int
    public let p50: Duration
    public let p99: Duration
    public let max: Duration

    public static let empty = LatencySummary(count: 0, p50: .zero, p99: .zero, max: .zero)
}

extension Duration {
    /// Whole nanoseconds (saturating), for histograms and arithmetic.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : scaled + attoseconds / 1_000_000_000
    }

    /// Seconds as a Double, for display and rates.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
