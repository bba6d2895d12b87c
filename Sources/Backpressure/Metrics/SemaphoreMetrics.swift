import CoreMetrics

/// An `AsyncSemaphore`'s swift-metrics instruments (see `MetricsBackend`).
///
/// The meters follow the state machine's own figures, written while the semaphore's lock is held
/// so that two threads can never publish their values out of order. The counters are published
/// as differences from the machine's cumulative counts.
final class SemaphoreMetrics: @unchecked Sendable {
    // @unchecked: `reported` is only touched under the semaphore's lock (`publish`).
    static let permitsInUseLabel = "backpressure_semaphore_permits_in_use"
    static let waitersLabel = "backpressure_semaphore_waiters"
    static let acquisitionsLabel = "backpressure_semaphore_acquisitions_total"
    static let rejectionsLabel = "backpressure_semaphore_try_acquire_rejections_total"
    static let closesLabel = "backpressure_semaphore_closes_total"
    static let waitLabel = "backpressure_semaphore_wait_duration_seconds"

    private let permitsInUse: Meter
    private let waiters: Meter
    private let acquisitions: CoreMetrics.Counter
    private let rejections: CoreMetrics.Counter
    private let closes: CoreMetrics.Counter
    private let wait: CoreMetrics.Timer
    private var reported = Reported()

    private struct Reported {
        var acquisitions = 0
        var rejections = 0
        var isClosed = false
    }

    init?(name: String) {
        guard let factory = MetricsBackend.current else { return nil }
        let dimensions = MetricsBackend.dimensions(name: name)
        permitsInUse = Meter(label: Self.permitsInUseLabel, dimensions: dimensions, factory: factory)
        waiters = Meter(label: Self.waitersLabel, dimensions: dimensions, factory: factory)
        acquisitions = Counter(label: Self.acquisitionsLabel, dimensions: dimensions, factory: factory)
        rejections = Counter(label: Self.rejectionsLabel, dimensions: dimensions, factory: factory)
        closes = Counter(label: Self.closesLabel, dimensions: dimensions, factory: factory)
        wait = Timer(label: Self.waitLabel, dimensions: dimensions, factory: factory)
    }

    /// Called with the semaphore's lock held, after every event.
    func publish<Continuation>(_ machine: borrowing SemaphoreStateMachine<Continuation>) {
        permitsInUse.set(machine.held)
        waiters.set(machine.waiterCount)
        if machine.acquisitions != reported.acquisitions {
            acquisitions.increment(by: machine.acquisitions - reported.acquisitions)
            reported.acquisitions = machine.acquisitions
        }
        if machine.rejections != reported.rejections {
            rejections.increment(by: machine.rejections - reported.rejections)
            reported.rejections = machine.rejections
        }
        if machine.isClosed, !reported.isClosed {
            closes.increment()
            reported.isClosed = true
        }
    }

    /// How long an acquire that had to wait waited before it was granted.
    func recordWait(_ waited: Duration) {
        wait.recordNanoseconds(waited.nanoseconds)
    }
}
