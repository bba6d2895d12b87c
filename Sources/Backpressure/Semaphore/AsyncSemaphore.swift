/// A counting semaphore for async code with tokio's semantics, instrumented.
///
/// **Fairness.** Strictly FIFO for every acquirer, `acquireMany` included. The head of the queue
/// collects permits as they come back, so a large request at the head blocks later small ones
/// even while enough permits for them are free; `tryAcquire` never jumps the queue.
///
/// **Close.** `close()` fails every waiter with `SemaphoreError.closed` and every later acquire
/// at once. Permits already held stay valid and still come back when released.
///
/// **Cancel safety.** Cancelling a waiting `acquire` removes exactly that waiter and throws
/// `SemaphoreError.cancelled`; permits it had collected at the head go back to the pool and may wake
/// the waiters behind it. An acquire that was granted before the cancellation was seen returns
/// its permit normally. A task that is cancelled before it waits still gets permits that are
/// free: cancellation is only checked where it would have to wait.
///
/// **Instrumentation.** Acquisitions that pass a `label` are tracked as holders with their
/// acquisition time, so a snapshot can say "oldest holder: read #17, 4.1 s". Unlabelled
/// acquisitions are only counted, which keeps the uncontended path free of allocations. When the
/// application has bootstrapped a swift-metrics backend, the semaphore also reports its permits in
/// use, waiters, acquisitions, `tryAcquire` rejections, closes and wait times there, with its
/// name as the only dimension.
///
/// **Errors.** Every operation throws a typed error: `SemaphoreError` for a wait (closed or
/// cancelled), `TryAcquireError` for `tryAcquire`.
///
/// **Traps.** Starting with negative permits, asking for fewer than one permit, adding a negative
/// number, or splitting a permit so that nothing is left behind: programming errors, and they trap.
public final class AsyncSemaphore: Instrumented {
    typealias Machine = SemaphoreStateMachine<UnsafeContinuation<UInt64, any Error>>

    /// Shown in snapshots, in stallscope and as the metrics' dimension.
    public let name: String
    private let timeSource: TimeSource
    private let machine: SpinLockedState<Machine>
    private let metrics: SemaphoreMetrics?

    /// A semaphore with `permits` permits.
    ///
    /// - Parameters:
    ///   - name: What stallscope and the metrics call it. By default, where it is made
    ///     (`Module/File.swift:42`), as tokio names resources by their location, so adopting a
    ///     semaphore is one line.
    ///   - permits: How many permits it starts with (zero or more).
    ///   - timeSource: Where holders' and waiters' ages are read; the deterministic runtime passes
    ///     its virtual clock.
    ///   - fileID: With `line`, the default name; leave both to the compiler.
    ///   - line: See `fileID`.
    public init(
        name: String? = nil, permits: Int, timeSource: TimeSource = .monotonic,
        fileID: String = #fileID, line: Int = #line
    ) {
        let name = name ?? "\(fileID):\(line)"
        self.name = name
        self.timeSource = timeSource
        self.machine = SpinLockedState(Machine(permits: permits))
        self.metrics = SemaphoreMetrics(name: name)
    }

    /// Runs an event under the lock and, when a metrics backend is bootstrapped, publishes the
    /// new figures before unlocking.
    private func withMachine<R>(_ body: (inout Machine) -> R) -> R {
        machine.withLock { machine in
            let result = body(&machine)
            metrics?.publish(machine)
            return result
        }
    }

    // MARK: Acquiring

    /// Waits for `permits` permits (FIFO) and returns them as a scoped permit that releases when
    /// it goes out of scope. Throws `SemaphoreError.closed` or `SemaphoreError.cancelled`.
    @inlinable
    nonisolated(nonsending) public func acquire(
        _ permits: Int = 1, label: String? = nil
    ) async throws(SemaphoreError) -> SemaphorePermit {
        let holderID = try await acquireHolderID(permits, label: label)
        return SemaphorePermit(semaphore: self, holderID: holderID, permits: permits)
    }

    /// `acquire(n)` under tokio's name: waits, in FIFO order, until all `permits` are collected.
    @inlinable
    nonisolated(nonsending) public func acquireMany(
        _ permits: Int, label: String? = nil
    ) async throws(SemaphoreError) -> SemaphorePermit {
        try await acquire(permits, label: label)
    }

    /// Like `acquire`, but returns a permit object that can travel inside a message or a task and
    /// releases when the last reference to it goes away.
    @inlinable
    nonisolated(nonsending) public func acquireOwned(
        _ permits: Int = 1, label: String? = nil
    ) async throws(SemaphoreError) -> OwnedSemaphorePermit {
        let holderID = try await acquireHolderID(permits, label: label)
        return OwnedSemaphorePermit(semaphore: self, holderID: holderID, permits: permits)
    }

    /// Takes permits only if they are free and nobody is queued. Never suspends, so it has no
    /// cancellation to be safe against. Throws `.noPermits` (counted as a rejection) or `.closed`.
    public func tryAcquire(_ permits: Int = 1, label: String? = nil) throws(TryAcquireError) -> SemaphorePermit {
        SemaphorePermit(semaphore: self, holderID: try tryAcquireHolderID(permits, label: label), permits: permits)
    }

    /// `tryAcquire`, returning a permit object like `acquireOwned`'s.
    public func tryAcquireOwned(
        _ permits: Int = 1, label: String? = nil
    ) throws(TryAcquireError) -> OwnedSemaphorePermit {
        OwnedSemaphorePermit(semaphore: self, holderID: try tryAcquireHolderID(permits, label: label), permits: permits)
    }

    private func tryAcquireHolderID(_ permits: Int, label: String?) throws(TryAcquireError) -> UInt64 {
        let outcome = withMachine { machine in
            let outcome = machine.tryAcquire(permits, label: label, now: self.timeSource.now())
            if case .noPermits = outcome { machine.recordRejection() }
            return outcome
        }
        switch outcome {
        case .granted(let holderID): return holderID
        case .noPermits: throw .noPermits
        case .closed: throw .closed
        }
    }

    // Inlined into the caller, and run on the caller's executor (nonsending), so that the
    // uncontended acquire makes no async call and no executor switch: a call into another
    // module's async function costs an executor check and a task-frame allocation that are
    // several times the price of taking the permits. The wait stays there too: a switch to the
    // generic executor costs an executor lookup before every park (about 5 % of the two-task
    // contended case).
    @inlinable
    nonisolated(nonsending) func acquireHolderID(_ permits: Int, label: String?) async throws(SemaphoreError) -> UInt64
    {
        if let holderID = try takeIfFree(permits, label: label) { return holderID }
        return try await waitForPermits(permits, label: label)
    }

    /// The fast path of `acquire`: permits if nobody is queued and enough are free (no
    /// continuation, no clock read when unlabelled); nil when the caller has to wait.
    @usableFromInline
    func takeIfFree(_ permits: Int, label: String?) throws(SemaphoreError) -> UInt64? {
        let outcome = withMachine { $0.tryAcquire(permits, label: label, now: self.timeSource.now()) }
        switch outcome {
        case .granted(let holderID): return holderID
        case .closed: throw .closed
        case .noPermits: return nil
        }
    }

    @usableFromInline
    nonisolated(nonsending) func waitForPermits(_ permits: Int, label: String?) async throws(SemaphoreError) -> UInt64 {
        let start = metrics == nil ? nil : timeSource.now()
        do {
            let holderID = try await suspendForPermits(permits, label: label)
            if let start { metrics?.recordWait(timeSource.now() - start) }
            return holderID
        } catch {
            // The continuation is resumed only with a `SemaphoreError`; the cast is for the type.
            throw (error as? SemaphoreError) ?? .cancelled
        }
    }

    nonisolated(nonsending) private func suspendForPermits(_ permits: Int, label: String?) async throws -> UInt64 {
        let waiterID = machine.withLock { $0.makeWaiterID() }
        // Armed only once queued: a bound deadline costs nothing until the acquire must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<UInt64, any Error>) in
                let now = timeSource.now()
                // `Task.isCancelled` is read under the lock: the cancellation handler takes the
                // same lock, so either it runs after we queued (and removes us) or the flag was
                // already set when we looked.
                let outcome = withMachine {
                    $0.suspend(
                        permits, label: label, now: now, isCancelled: Task.isCancelled, waiterID: waiterID,
                        continuation: continuation)
                }
                switch outcome {
                case .queued:
                    // Expiry leaves the queue as cancellation does.
                    deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in cancelWaiter(waiterID) }
                case .granted(let holderID): continuation.resume(returning: holderID)
                case .closed: continuation.resume(throwing: SemaphoreError.closed)
                case .cancelled: continuation.resume(throwing: SemaphoreError.cancelled)
                }
            }
        } onCancel: {
            cancelWaiter(waiterID)
        }
    }

    /// Removes a waiter that was cancelled or whose deadline passed, if it is still queued, and
    /// hands the permits it had collected to the waiters behind it.
    private func cancelWaiter(_ waiterID: UInt64) {
        let now = timeSource.now()
        let outcome = withMachine { $0.cancel(waiterID: waiterID, now: now) }
        outcome.cancelled?.resume(throwing: SemaphoreError.cancelled)
        Self.resume(outcome.grants)
    }

    // MARK: Returning and adding permits

    /// Adds permits; queued waiters are served first.
    public func addPermits(_ permits: Int) {
        guard permits > 0 else { return }
        let now = timeSource.now()
        Self.resume(withMachine { $0.addPermits(permits, now: now) })
    }

    /// Fails every waiter and every later acquire with `.closed`. Held permits stay valid and
    /// still come back when released. Closing twice is harmless.
    public func close() {
        let failed = withMachine { $0.close() }
        for continuation in failed { continuation.resume(throwing: SemaphoreError.closed) }
    }

    func release(_ permits: Int, holderID: UInt64) {
        // The clock is read only when someone is granted; an uncontended release skips it.
        let grants = withMachine { $0.release(permits, holderID: holderID, now: self.timeSource.now()) }
        if !grants.isEmpty { Self.resume(grants) }
    }

    func forget(_ permits: Int, holderID: UInt64) {
        withMachine { $0.forget(permits, holderID: holderID) }
    }

    func split(_ permits: Int, holderID: UInt64) -> UInt64 {
        machine.withLock { $0.split(permits, from: holderID) }
    }

    private static func resume(_ grants: Machine.Grants) {
        for grant in grants { grant.continuation.resume(returning: grant.holderID) }
    }

    // MARK: Reading

    /// Permits free right now (a moment later it may differ).
    public var availablePermits: Int { machine.withLock { $0.available } }
    public var isClosed: Bool { machine.withLock { $0.isClosed } }

    /// Holders (labelled acquisitions) oldest first, waiters in queue order, and the counters;
    /// copies under the lock and changes nothing.
    public func snapshot() -> SemaphoreSnapshot {
        let now = timeSource.now()
        return machine.withLock { $0.snapshot(name: name, now: now) }
    }

    public func resourceSnapshot() -> ResourceSnapshot { .semaphore(snapshot()) }

    /// Traps if the permit accounting is inconsistent (`available + held + collected == total`).
    package func checkInvariants() {
        machine.withLock { $0.checkInvariants() }
    }
}
