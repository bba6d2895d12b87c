/// Permits held in a scope: released exactly once when the value is dropped.
///
/// Non-copyable, so the compiler guarantees the single release. Use `owned()` to turn it into an
/// `OwnedSemaphorePermit` that can travel inside a message or a task.
public struct SemaphorePermit: ~Copyable, Sendable {
    // Unmanaged keeps the stored properties trivial, which `discard self` requires; the
    // reference is retained in `init` and released exactly once on every consuming path.
    private let semaphore: Unmanaged<AsyncSemaphore>
    private let holderID: UInt64
    public let permits: Int

    @usableFromInline
    init(semaphore: AsyncSemaphore, holderID: UInt64, permits: Int) {
        self.semaphore = .passRetained(semaphore)
        self.holderID = holderID
        self.permits = permits
    }

    deinit {
        // The permit's own reference keeps the semaphore alive: no extra retain for the call.
        semaphore._withUnsafeGuaranteedRef { $0.release(permits, holderID: holderID) }
        semaphore.release()
    }

    /// Drops the permits without returning them: the semaphore's total shrinks.
    public consuming func forget() {
        let semaphore = self.semaphore
        semaphore.takeUnretainedValue().forget(permits, holderID: holderID)
        discard self
        semaphore.release()
    }

    /// Hands the permits to a reference-counted owner that releases them when it goes away.
    public consuming func owned() -> OwnedSemaphorePermit {
        let semaphore = self.semaphore
        let owned = OwnedSemaphorePermit(
            semaphore: semaphore.takeUnretainedValue(), holderID: holderID, permits: permits)
        discard self
        semaphore.release()
        return owned
    }
}
