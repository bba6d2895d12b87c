/// Percentiles as a panel shows them (a host builds them from its histograms).
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

    public static let empty = LatencyFigures(count: 0, p50: .zero, p99: .zero, max: .zero)
}
