import DashboardModel

extension LatencyFigures {
    /// An engine latency histogram's summary as a panel shows it.
    public init(_ summary: LatencySummary) {
        self.init(count: summary.count, p50: summary.p50, p99: summary.p99, max: summary.max)
    }
}
