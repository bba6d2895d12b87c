/// A one-slot "something changed" signal that coalesces bursts.
///
/// `mark()` never blocks and never queues: a burst of marks between two `wait()`s becomes one
/// wake-up that reports how many marks it stands for and when the oldest one was made. This is
/// the shape of a background saver: mutations mark, the saver waits, snapshots, writes.
///
/// **Cancel safety.** A cancelled `wait` throws `CancellationError` and leaves the pending marks
/// in place for the next `wait`. After `close()`, `wait` returns nil once the pending marks (if
/// any) have been taken.
public final class DirtySignal: Instrumented {
    /// What one wake-up of the waiter stands for.
    public struct Batch: Sendable, Equatable {
        /// Marks coalesced into this wake-up (at least 1).
        public let marks: Int
        /// When the oldest of them was made.
        public let since: Duration

        public init(marks: Int, since: Duration) {
            self.marks = marks
            self.since = since
        }
    }

    private struct State {
        var pendingMarks = 0
        var dirtySince: Duration = .zero
        var totalMarks = 0
        var batches = 0
        var isClosed = false
        var waiter: (id: UInt64, continuation: UnsafeContinuation<Batch?, any Error>)?
        var nextID: UInt64 = 1

        mutating func takeBatch() -> Batch? {
            guard pendingMarks > 0 else { return nil }
            defer { pendingMarks = 0 }
            batches += 1
            return Batch(marks: pendingMarks, since: dirtySince)
        }
    }

    public let name: String
    private let timeSource: TimeSource
    private let state = LockedState(State())

    /// - Parameters:
    ///   - name: What stallscope calls it; by default, where it is made.
    ///   - timeSource: Where the age of the oldest pending mark is read.
    ///   - fileID: With `line`, the default name; leave both to the compiler.
    ///   - line: See `fileID`.
    public init(
        name: String? = nil, timeSource: TimeSource = .monotonic, fileID: String = #fileID, line: Int = #line
    ) {
        self.name = name ?? "\(fileID):\(line)"
        self.timeSource = timeSource
    }

    /// Records a change. Returns true if it made the signal dirty, false if it was coalesced
    /// into a pending wake-up (or the signal is closed).
    @discardableResult
    public func mark() -> Bool {
        let now = timeSource.now()
        let (fresh, wake) = state.withLock { state -> (Bool, (UnsafeContinuation<Batch?, any Error>, Batch)?) in
            guard !state.isClosed else { return (false, nil) }
            state.totalMarks += 1
            state.pendingMarks += 1
            let fresh = state.pendingMarks == 1
            if fresh { state.dirtySince = now }
            guard let waiter = state.waiter, let batch = state.takeBatch() else { return (fresh, nil) }
            state.waiter = nil
            return (fresh, (waiter.continuation, batch))
        }
        if let (continuation, batch) = wake { continuation.resume(returning: batch) }
        return fresh
    }

    /// Waits until the signal is dirty, clears it and returns the batch; nil once closed and
    /// drained. One waiter at a time: a second concurrent `wait` traps.
    public func wait() async throws(CancellationError) -> Batch? {
        do {
            return try await waitForBatch()
        } catch {
            // Only ever resumed with `CancellationError`; the conversion is for the type.
            throw CancellationError()
        }
    }

    private func waitForBatch() async throws -> Batch? {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        // Armed only once queued: a bound deadline costs nothing until the waiter must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Batch?, any Error>) in
                enum Now {
                    case batch(Batch)
                    case closed, cancelled, queued
                }
                let now: Now = state.withLock { state in
                    if let batch = state.takeBatch() { return .batch(batch) }
                    if state.isClosed { return .closed }
                    if Task.isCancelled { return .cancelled }
                    precondition(state.waiter == nil, "a dirty signal has a single waiter")
                    state.waiter = (id, continuation)
                    return .queued
                }
                switch now {
                case .batch(let batch): continuation.resume(returning: batch)
                case .closed: continuation.resume(returning: nil)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in dropWaiter(id) }
                }
            }
        } onCancel: {
            dropWaiter(id)
        }
    }

    /// Removes a waiter that was cancelled or whose deadline passed, if it is still waiting.
    private func dropWaiter(_ id: UInt64) {
        let waiter = state.withLock { state -> UnsafeContinuation<Batch?, any Error>? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(throwing: CancellationError())
    }

    /// Takes the pending batch without waiting (a final save on stop).
    public func takePending() -> Batch? {
        state.withLock { $0.takeBatch() }
    }

    /// No more marks are accepted; a waiter gets what is pending, then nil.
    public func close() {
        let waiter = state.withLock { state -> UnsafeContinuation<Batch?, any Error>? in
            state.isClosed = true
            defer { state.waiter = nil }
            return state.waiter?.continuation
        }
        waiter?.resume(returning: nil)
    }

    public var isDirty: Bool { state.withLock { $0.pendingMarks > 0 } }

    public func snapshot() -> DirtySignalSnapshot {
        let now = timeSource.now()
        return state.withLock { state in
            DirtySignalSnapshot(
                name: name, pendingMarks: state.pendingMarks,
                dirtyFor: state.pendingMarks > 0 ? now - state.dirtySince : nil,
                totalMarks: state.totalMarks, batches: state.batches, isClosed: state.isClosed)
        }
    }

    public func resourceSnapshot() -> ResourceSnapshot { .dirtySignal(snapshot()) }
}
