/// Permits that can be moved into a message or a task: "the permit travels with the request".
///
/// Released exactly once, when the last reference goes away or `release()` is called, whichever
/// comes first. `forget()` drops them without returning them; `split(n)` moves `n` of them into a
/// new owner.
public final class OwnedSemaphorePermit: Sendable {
    private let semaphore: AsyncSemaphore
    private let holderID: UInt64
    /// Permits still owned; zero once released or forgotten (so deinit does nothing).
    private let remaining: LockedState<Int>

    @usableFromInline
    init(semaphore: AsyncSemaphore, holderID: UInt64, permits: Int) {
        self.semaphore = semaphore
        self.holderID = holderID
        self.remaining = LockedState(permits)
    }

    deinit { release() }

    public var permits: Int { remaining.withLock { $0 } }

    /// Returns the permits now rather than when the last reference goes away. Idempotent.
    public func release() {
        let permits = remaining.withLock { permits in
            defer { permits = 0 }
            return permits
        }
        if permits > 0 { semaphore.release(permits, holderID: holderID) }
    }

    /// Drops the permits without returning them: the semaphore's total shrinks.
    public func forget() {
        let permits = remaining.withLock { permits in
            defer { permits = 0 }
            return permits
        }
        if permits > 0 { semaphore.forget(permits, holderID: holderID) }
    }

    /// Moves `permits` of these permits into a new owner (same label and age); nil if fewer than
    /// `permits + 1` remain.
    public func split(_ permits: Int) -> OwnedSemaphorePermit? {
        precondition(permits > 0, "split at least one permit")
        let taken = remaining.withLock { remaining -> Bool in
            guard remaining > permits else { return false }
            remaining -= permits
            return true
        }
        guard taken else { return nil }
        let newHolder = semaphore.split(permits, holderID: holderID)
        return OwnedSemaphorePermit(semaphore: semaphore, holderID: newHolder, permits: permits)
    }
}
