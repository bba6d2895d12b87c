import DequeModule

/// The permit accounting of `AsyncSemaphore`, free of locks and continuations.
///
/// Every event is a mutating method that returns what the caller must do (grant, suspend, resume
/// these waiters). The owner applies the returned action *after* releasing its lock, so no
/// continuation is ever resumed while the lock is held.
///
/// Fairness (tokio's): waiters form one FIFO queue whatever they ask for. The head waiter collects
/// permits as they are released, even partially, so a large `acquireMany` at the head holds back
/// later small requests although enough permits would be free for them; `tryAcquire` and the
/// fast path of `acquire` fail whenever anyone is queued.
///
/// Invariant: `available + held + collected(waiters) == total`, checked by `checkInvariants()`.

struct SemaphoreStateMachine<Continuation> {

    struct Waiter {
        let id: UInt64
        let requested: Int
        var collected: Int
        let label: String?
        let since: Duration
        let continuation: Continuation
    }

    struct Holder {
        var permits: Int
        let label: String
        let since: Duration
    }

    /// A waiter whose request has been met: resume it with its holder id.
    struct Grant {
        let continuation: Continuation
        let holderID: UInt64
    }

    /// The waiters one event satisfied, in queue order. A release usually satisfies one waiter at
    /// most, so the first grant is held inline and only a second one allocates: a contended
    /// hand-off costs no array, and an uncontended release no reference count either.
    struct Grants: Sequence {
        private var first: Grant?
        private var rest: [Grant]?

        var isEmpty: Bool { first == nil }

        mutating func append(_ grant: Grant) {
            if first == nil {
                first = grant
            } else if rest == nil {
                rest = [grant]
            } else {
                rest?.append(grant)
            }
        }

        func makeIterator() -> Iterator {
            Iterator(first: first, rest: rest?.makeIterator())
        }

        struct Iterator: IteratorProtocol {
            var first: Grant?
            var rest: IndexingIterator<[Grant]>?

            mutating func next() -> Grant? {
                if let grant = first {
                    first = nil
                    return grant
                }
                return rest?.next()
            }
        }
    }

    enum TryAcquireOutcome {
        case granted(holderID: UInt64)
        case noPermits
        case closed
    }

    enum SuspendOutcome {
        /// Queued; the continuation will be resumed by a later event.
        case queued
        /// Satisfied immediately (possible only when nobody was queued).
        case granted(holderID: UInt64)
        case closed
        case cancelled
    }

    private(set) var available: Int
    private(set) var total: Int
    private(set) var held = 0
    private(set) var isClosed = false
    private(set) var highWater = 0
    private(set) var acquisitions = 0
    private(set) var rejections = 0
    private var waiters = Deque<Waiter>()
    private var holders: [UInt64: Holder] = [:]
    private var nextID: UInt64 = 1

    init(permits: Int) {
        precondition(permits >= 0, "a semaphore cannot start with negative permits")
        available = permits
        total = permits
    }

    var waiterCount: Int { waiters.count }

    // MARK: Acquiring

    mutating func tryAcquire(_ permits: Int, label: String?, now: @autoclosure () -> Duration) -> TryAcquireOutcome {
        precondition(permits > 0, "acquire at least one permit")
        if isClosed { return .closed }
        guard waiters.isEmpty, available >= permits else { return .noPermits }
        available -= permits
        return .granted(holderID: recordHolder(permits, label: label, now: now()))
    }

    /// Queues a waiter after the fast path failed. Re-checks everything: the state may have
    /// changed between the fast path and the suspension.
    mutating func suspend(
        _ permits: Int, label: String?, now: Duration, isCancelled: Bool, waiterID: UInt64,
        continuation: Continuation
    ) -> SuspendOutcome {
        if isClosed { return .closed }
        if isCancelled { return .cancelled }
        if waiters.isEmpty, available >= permits {
            available -= permits
            return .granted(holderID: recordHolder(permits, label: label, now: now))
        }
        waiters.append(
            Waiter(
                id: waiterID, requested: permits, collected: 0, label: label, since: now,
                continuation: continuation))
        let grants = grantWaiters(now: now)
        // The new waiter is last in line, and every waiter ahead of it still waits, so it cannot
        // have been granted: nothing to resume.
        assert(grants.isEmpty, "a queued waiter was granted past the waiters ahead of it")
        return .queued
    }

    /// A `tryAcquire` found no permits. Counted apart from `tryAcquire` itself, which is also
    /// the fast path of `acquire`: an acquire that goes on to wait is not a rejection.
    mutating func recordRejection() {
        rejections += 1
    }

    mutating func makeWaiterID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Releasing

    /// Returns permits of a holder; resumes whoever can now proceed.
    mutating func release(_ permits: Int, holderID: UInt64, now: @autoclosure () -> Duration) -> Grants {
        precondition(permits > 0 && permits <= held, "released more permits than are held")
        if holderID != 0 { dropHolder(holderID, permits: permits) }
        held -= permits
        available += permits
        // Nobody to grant on the uncontended path: no clock read, no queue walk.
        return waiters.isEmpty ? Grants() : grantWaiters(now: now())
    }

    /// Destroys permits: they are never returned (`forget`).
    mutating func forget(_ permits: Int, holderID: UInt64) {
        precondition(permits > 0 && permits <= held, "forgot more permits than are held")
        dropHolder(holderID, permits: permits)
        held -= permits
        total -= permits
    }

    /// Moves `permits` from one holder to a new holder with the same label (`split`).
    mutating func split(_ permits: Int, from holderID: UInt64) -> UInt64 {
        let id = makeWaiterID()
        if var holder = holders[holderID] {
            precondition(holder.permits > permits, "split must leave permits behind")
            holder.permits -= permits
            holders[holderID] = holder
            holders[id] = Holder(permits: permits, label: holder.label, since: holder.since)
        }
        return id
    }

    mutating func addPermits(_ permits: Int, now: Duration) -> Grants {
        precondition(permits >= 0, "cannot add a negative number of permits")
        total += permits
        available += permits
        return grantWaiters(now: now)
    }

    // MARK: Cancelling and closing

    /// Removes exactly this waiter. Permits it had collected go back to the pool, which may let
    /// the waiters behind it proceed.
    mutating func cancel(waiterID: UInt64, now: Duration) -> (cancelled: Continuation?, grants: Grants) {
        guard let index = waiters.firstIndex(where: { $0.id == waiterID }) else {
            return (nil, Grants())  // already granted, closed or never queued
        }
        let waiter = waiters.remove(at: index)
        available += waiter.collected
        return (waiter.continuation, grantWaiters(now: now))
    }

    /// Closes the semaphore; returns every waiter, to be failed. Held permits stay valid.
    mutating func close() -> [Continuation] {
        guard !isClosed else { return [] }
        isClosed = true
        let failed = waiters.map(\.continuation)
        for waiter in waiters { available += waiter.collected }
        waiters.removeAll()
        return failed
    }

    // MARK: Granting

    /// `now` is read only for a labelled waiter (its holder's age): an unlabelled hand-off reads
    /// no clock.
    private mutating func grantWaiters(now: @autoclosure () -> Duration) -> Grants {
        var grants = Grants()
        while available > 0, var head = waiters.first {
            let take = min(available, head.requested - head.collected)
            head.collected += take
            available -= take
            if head.collected == head.requested {
                waiters.removeFirst()
                let id = recordHolder(head.requested, label: head.label, now: now())
                grants.append(Grant(continuation: head.continuation, holderID: id))
            } else {
                waiters[waiters.startIndex] = head
            }
        }
        return grants
    }

    private mutating func recordHolder(_ permits: Int, label: String?, now: @autoclosure () -> Duration) -> UInt64 {
        held += permits
        acquisitions += 1
        if held > highWater { highWater = held }
        guard let label else { return 0 }  // untracked: counts only, no allocation, no clock read
        let id = makeWaiterID()
        holders[id] = Holder(permits: permits, label: label, since: now())
        return id
    }

    private mutating func dropHolder(_ holderID: UInt64, permits: Int) {
        guard holderID != 0, var holder = holders[holderID] else { return }
        holder.permits -= permits
        if holder.permits == 0 {
            holders[holderID] = nil
        } else {
            holders[holderID] = holder
        }
    }

    // MARK: Reading

    func snapshot(name: String, now: Duration) -> SemaphoreSnapshot {
        let holderList = holders.map { id, holder in
            SemaphoreSnapshot.Holder(
                id: id, label: holder.label, permits: holder.permits, age: now - holder.since)
        }.sorted { ($0.age, $1.id) > ($1.age, $0.id) }
        let waiterList = waiters.map {
            SemaphoreSnapshot.Waiter(
                label: $0.label, requested: $0.requested, collected: $0.collected, waited: now - $0.since)
        }
        return SemaphoreSnapshot(
            name: name, total: total, available: available, held: held, isClosed: isClosed,
            highWater: highWater, acquisitions: acquisitions, rejections: rejections,
            waiters: waiterList, holders: holderList)
    }

    func checkInvariants() {
        let collected = waiters.reduce(0) { $0 + $1.collected }
        precondition(available + held + collected == total, "semaphore permits leaked or duplicated")
        precondition(available >= 0 && held >= 0, "negative permit count")
        precondition(waiters.isEmpty || available == 0, "free permits while a waiter waits")
        precondition(holders.values.reduce(0) { $0 + $1.permits } <= held, "holders exceed held")
    }
}
