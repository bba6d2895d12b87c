import Backpressure
import Runtime

/// The handshake manager's read/write lock, built on an `AsyncSemaphore`: a reader takes one
/// permit, a writer takes all of them. The semaphore is FIFO and its head collects permits as
/// readers leave, so a waiting writer also holds back the readers queued behind it (Go's
/// `RWMutex` behaves the same): a save holding the read lock for an fsync stalls every writer
/// and, behind them, every reader.
///
/// Unlike a `Mutex`, this lock is held across suspensions: that is the incident. Every wait and
/// every hold is measured on the runtime's clock.
public final class TrustLock: Sendable {
    /// Readers that can hold the lock at once (a writer takes them all).
    public static let readerCapacity = 64

    /// A hold that took long, with what held the lock.
    public struct LongHold: Sendable, Equatable {
        public let holder: String
        public let since: RuntimeInstant
        public let duration: Duration
        public let exclusive: Bool
    }

    private struct State {
        var current: [UInt64: (holder: String, since: RuntimeInstant, exclusive: Bool)] = [:]
        var nextID: UInt64 = 0
        var longestRecent: LongHold?
    }

    public let semaphore: AsyncSemaphore
    public let hold = LatencyRecorder()
    public let wait = LatencyRecorder()
    /// Waits of writers alone: what a mutation pays before it may change the state.
    public let writeWait = LatencyRecorder()
    private let clock: RuntimeClock
    private let state = LockedState(State())
    /// Holds at least this long are remembered for warnings.
    private let longHoldThreshold: Duration

    public init(name: String, clock: RuntimeClock, longHoldThreshold: Duration) {
        self.semaphore = AsyncSemaphore(name: name, permits: Self.readerCapacity, timeSource: clock.timeSource)
        self.clock = clock
        self.longHoldThreshold = longHoldThreshold
    }

    public func withReadLock<T>(_ holder: String, _ body: () async throws -> T) async throws -> T {
        try await locked(holder, exclusive: false, body)
    }

    public func withWriteLock<T>(_ holder: String, _ body: () async throws -> T) async throws -> T {
        try await locked(holder, exclusive: true, body)
    }

    private func locked<T>(_ holder: String, exclusive: Bool, _ body: () async throws -> T) async throws -> T {
        let asked = clock.now
        let permit = try await semaphore.acquire(exclusive ? Self.readerCapacity : 1, label: holder)
        let granted = clock.now
        wait.record(asked.duration(to: granted))
        if exclusive { writeWait.record(asked.duration(to: granted)) }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.current[state.nextID] = (holder, granted, exclusive)
            return state.nextID
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        let held = granted.duration(to: clock.now)
        hold.record(held)
        state.withLock { state in
            state.current[id] = nil
            if held >= longHoldThreshold,
                held >= (state.longestRecent?.duration ?? .zero) || isStale(state.longestRecent)
            {
                state.longestRecent = LongHold(holder: holder, since: granted, duration: held, exclusive: exclusive)
            }
        }
        _ = consume permit
        return try result.get()
    }

    private func isStale(_ hold: LongHold?) -> Bool {
        guard let hold else { return true }
        return hold.since.advanced(by: hold.duration).advanced(by: Self.longHoldMemory) < clock.now
    }

    /// Holds the manager remembers as long ones (for the lock's own `longHold()`).
    public static let longHoldShown: Duration = .milliseconds(100)

    /// How long a finished long hold stays reported.
    public static let longHoldMemory: Duration = .seconds(5)

    /// The longest hold in progress now, or the longest recent one that ended within
    /// `longHoldMemory`, if it reached the threshold.
    public func longHold() -> LongHold? {
        let now = clock.now
        return state.withLock { state in
            let ongoing = state.current.values
                .map { hold in
                    LongHold(
                        holder: hold.holder, since: hold.since, duration: hold.since.duration(to: now),
                        exclusive: hold.exclusive)
                }
                .filter { $0.duration >= longHoldThreshold }
                .max { $0.duration < $1.duration }
            let recent = isStale(state.longestRecent) ? nil : state.longestRecent
            switch (ongoing, recent) {
            case (let a?, let b?): return a.duration >= b.duration ? a : b
            case (let a?, nil): return a
            case (nil, let b): return b
            }
        }
    }
}
