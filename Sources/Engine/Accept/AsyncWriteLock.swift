import Backpressure
import Runtime

/// The node's async `RwLock` of incident 4, built on an `AsyncSemaphore` of `readerCapacity`
/// permits: a reader takes one, a writer takes them all. The semaphore is FIFO and its head
/// collects permits as readers leave, so a queued writer holds back the readers behind it, as
/// tokio's fair `RwLock` does; holders are named in snapshots, and every wait and hold lands in
/// a `LatencyRecorder`.
///
/// Holding it across suspension points is the point: it is the async lock whose hold time the
/// incident measured. No `LockedState` is ever held across a suspension here.
public final class AsyncWriteLock: Sendable {
    public let name: String
    public let semaphore: AsyncSemaphore
    private let clock: RuntimeClock
    public let waitTimes = LatencyRecorder()
    public let holdTimes = LatencyRecorder()

    /// How stale the percentiles in a snapshot may be. Reading an HDR histogram's percentiles
    /// walks every bucket (milliseconds in a debug build), too slow for a dashboard polling
    /// several locks many times a second, so they are recomputed at most this often.
    public static let percentileRefreshInterval: Duration = .seconds(1)

    private struct Waiting {
        var now = 0
        var peak = 0
        /// Wait-and-hold pairs recorded so far; cached percentiles are current while unchanged.
        var recorded = 0
    }

    private struct Percentiles {
        var wait = LatencySummary.empty
        var hold = LatencySummary.empty
        var recorded = 0
        var at: RuntimeInstant?
    }

    private let waiting = LockedState(Waiting())
    private let percentiles = LockedState(Percentiles())

    /// Readers that can hold the lock at once; a writer takes them all.
    public static let readerCapacity = 64

    public init(name: String, clock: RuntimeClock) {
        self.name = name
        self.clock = clock
        self.semaphore = AsyncSemaphore(name: name, permits: Self.readerCapacity, timeSource: clock.timeSource)
    }

    /// Runs `body` holding the write side; `holder` names who holds it in snapshots and
    /// warnings. Throws `CancellationError` if cancelled while waiting, `SemaphoreError.closed`
    /// once the lock is closed at shutdown.
    public func withLock<T: Sendable>(
        holder: String, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await locked(Self.readerCapacity, holder: holder, body)
    }

    /// Runs `body` holding the read side: shared with other readers, queued behind a waiting
    /// writer.
    public func withReadLock<T: Sendable>(
        holder: String, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await locked(1, holder: holder, body)
    }

    private func locked<T: Sendable>(
        _ permits: Int, holder: String, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let asked = clock.now
        let permit: SemaphorePermit
        do {
            permit = try semaphore.tryAcquire(permits, label: holder)
        } catch .closed {
            throw SemaphoreError.closed
        } catch .noPermits {
            // Only acquirers that actually queue count as waiters (and towards a herd).
            waiting.withLock { waiting in
                waiting.now += 1
                waiting.peak = max(waiting.peak, waiting.now)
            }
            defer { waiting.withLock { $0.now -= 1 } }
            permit = try await semaphore.acquire(permits, label: holder)
        }
        let granted = clock.now
        waitTimes.record(asked.duration(to: granted))
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        holdTimes.record(granted.duration(to: clock.now))
        waiting.withLock { $0.recorded += 1 }
        _ = consume permit
        return try outcome.get()
    }

    /// Acquirers queued right now, and the most ever queued at once (the size of a herd).
    public var waiters: (now: Int, peak: Int) {
        waiting.withLock { ($0.now, $0.peak) }
    }

    /// Wait and hold percentiles, at most `percentileRefreshInterval` old.
    public var latencies: (wait: LatencySummary, hold: LatencySummary) { latencies(refresh: true) }

    /// The cached percentiles, recomputed only if `refresh` and they are stale.
    func latencies(refresh: Bool) -> (wait: LatencySummary, hold: LatencySummary) {
        let now = clock.now
        let recorded = waiting.withLock { $0.recorded }
        let cached = percentiles.withLock { cached -> (LatencySummary, LatencySummary)? in
            guard let at = cached.at else { return refresh ? nil : (cached.wait, cached.hold) }
            let fresh = !refresh || cached.recorded == recorded || at.duration(to: now) < Self.percentileRefreshInterval
            return fresh ? (cached.wait, cached.hold) : nil
        }
        if let cached { return cached }
        // Computed outside the cache's lock: each recorder takes its own.
        let wait = waitTimes.summary
        let hold = holdTimes.summary
        percentiles.withLock { $0 = Percentiles(wait: wait, hold: hold, recorded: recorded, at: now) }
        return (wait, hold)
    }

    /// Fails every waiter: used at shutdown so no task stays parked on the lock.
    public func close() {
        semaphore.close()
    }

    public func snapshot() -> SemaphoreSnapshot {
        semaphore.snapshot()
    }
}
