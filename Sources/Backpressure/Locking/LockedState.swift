#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State guarded by a `pthread_mutex`: the lock the engine and most primitives hold their state
/// machines under. The semaphore and the channel, whose critical sections are the shortest and
/// the most contended, use `SpinLockedState`.
///
/// Why not `Synchronization.Mutex`: the thread sanitizer cannot see it, so `make check-tsan`
/// reported every guarded access as a race; `pthread_mutex` is intercepted by the sanitizer.
/// Cost is not the reason: uncontended, in release, a `Mutex` lock and unlock took 18 ns here.
///
/// The same rules as any lock here: keep the critical section short, never suspend or resume a
/// continuation inside it.
@usableFromInline
package final class LockedState<State: ~Copyable>: @unchecked Sendable {
    // @unchecked: `state` is only touched while `mutex` is held. Both live in their own
    // allocations: a pthread mutex must never move, and a pointer keeps Swift's dynamic
    // exclusivity checks (a class property would have them) off the hot path.
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline let state: UnsafeMutablePointer<State>

    package init(_ initial: consuming State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inlinable
    package func withLock<Result: ~Copyable, Failure: Error>(
        _ body: (inout State) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state.pointee)
    }
}
