import CoreMetrics

/// `withDeadline`'s one metric (see `MetricsBackend`). A deadline is a call, not an object that
/// could keep a counter: the counter is made on each expiry, which only the slow path pays.
@usableFromInline
enum DeadlineMetrics {
    static let expiriesLabel = "backpressure_deadline_expiries_total"

    @usableFromInline
    static func recordExpiry(name: String) {
        guard let factory = MetricsBackend.current else { return }
        Counter(label: expiriesLabel, dimensions: MetricsBackend.dimensions(name: name), factory: factory).increment()
    }
}
