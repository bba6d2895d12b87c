import Engine

/// Percentiles as a panel shows them; built from an engine `LatencySummary`.
public struct LatencyFigures: Equatable, Sendable {
    public var count: Int
    public var p50: Duration
    public var p99: Duration
    public var max: Duration

    public init(count: Int, p50: Duration, p99: Duration, max: Duration) {
        self.count = count
        self.p50 = p50
        self.p99 = p99
        self.max = max
    }

    public init(_ summary: LatencySummary) {
        self.init(count: summary.count, p50: summary.p50, p99: summary.p99, max: summary.max)
    }

    public static let empty = LatencyFigures(count: 0, p50: .zero, p99: .zero, max: .zero)
}
