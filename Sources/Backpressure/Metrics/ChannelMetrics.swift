import CoreMetrics

/// A `BoundedChannel`'s swift-metrics instruments (see `MetricsBackend`).
///
/// The queue length is written while the channel's lock is held, so concurrent events publish
/// their values in order. Full `trySend`s are counted on the lock-free path that answers them.
@usableFromInline
final class ChannelMetrics: Sendable {
    static let lengthLabel = "backpressure_channel_length"
    static let fullLabel = "backpressure_channel_try_send_full_total"
    static let closesLabel = "backpressure_channel_closes_total"
    static let waitLabel = "backpressure_channel_send_wait_duration_seconds"

    private let length: Meter
    private let full: CoreMetrics.Counter
    private let closes: CoreMetrics.Counter
    private let wait: CoreMetrics.Timer

    init?(name: String) {
        guard let factory = MetricsBackend.current else { return nil }
        let dimensions = MetricsBackend.dimensions(name: name)
        length = Meter(label: Self.lengthLabel, dimensions: dimensions, factory: factory)
        full = Counter(label: Self.fullLabel, dimensions: dimensions, factory: factory)
        closes = Counter(label: Self.closesLabel, dimensions: dimensions, factory: factory)
        wait = Timer(label: Self.waitLabel, dimensions: dimensions, factory: factory)
    }

    /// Called with the channel's lock held, after every event.
    @usableFromInline
    func publishLength(_ length: Int) { self.length.set(length) }

    @usableFromInline
    func recordFull() { full.increment() }

    func recordClose() { closes.increment() }

    /// How long a `send` or `reserve` that found no free slot waited for one.
    @usableFromInline
    func recordWait(_ waited: Duration) {
        wait.recordNanoseconds(waited.nanoseconds)
    }
}
