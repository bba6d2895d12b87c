import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State guarded by a spin lock that yields: the lock of `AsyncSemaphore`'s and
/// `BoundedChannel`'s state machines.
///
/// Why not `LockedState` (a pthread mutex), measured with `perf`:
/// - Uncontended, an acquire and a release are two critical sections of a few dozen instructions
///   each, and the two mutex calls cost more than the work they guard (about half of
///   `tryAcquire` plus release). Taking this lock is one compare-and-swap and giving it back one
///   store.
/// - Contended, as a producer and a consumer on two threads contend for a channel, a pthread
///   mutex puts the loser to sleep in the kernel and the winner pays a futex wake on unlock:
///   the two-task send/receive case spent a third of its time there, and took 140 to 430 ns
///   per message from run to run, against 150 to 180 ns on this lock.
///
/// A thread that finds it taken spins on a read for a short while, then yields its core on every
/// further try, so a holder preempted inside its few instructions gets to run and finish them.
///
/// The thread sanitizer sees the acquire and release orderings of the atomics (inlined into the
/// caller, which the sanitizer build instruments too) and the guarded state as protected by them.
///
/// The same rules as any lock here: keep the critical section short, never suspend or resume a
/// continuation inside it.
@usableFromInline
final class SpinLockedState<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched while `isLocked` is held by the toucher. The state lives
    // in its own allocation, so no dynamic exclusivity check of a class property runs per access.
    @usableFromInline let isLocked = Atomic<Bool>(false)
    @usableFromInline let state: UnsafeMutablePointer<State>

    /// Reads of a taken lock before a waiter starts yielding its core between tries: a critical
    /// section here is shorter than this, so an unpreempted holder has finished by then.
    private static var spinsBeforeYielding: Int { 64 }

    init(_ initial: State) {
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @inlinable
    func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { isLocked.store(false, ordering: .releasing) }
        return try body(&state.pointee)
    }

    @inlinable
    func lock() {
        if isLocked.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged { return }
        lockContended()
    }

    @usableFromInline
    func lockContended() {
        var tries = 0
        while true {
            // Read until it looks free, then try: spinning on the read keeps the cache line shared.
            if !isLocked.load(ordering: .relaxed),
                isLocked.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
            {
                return
            }
            tries += 1
            if tries > Self.spinsBeforeYielding { sched_yield() }
        }
    }
}
