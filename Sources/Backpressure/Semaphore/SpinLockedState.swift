import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State guarded by a spin lock that yields: the lock of `AsyncSemaphore`'s state machine.
///
/// Why not `LockedState` (a pthread mutex): an uncontended acquire and release are two critical
/// sections of a few dozen instructions each, and the two mutex calls cost more than the work
/// they guard (about half of `tryAcquire` plus release, measured with `perf`). Taking this lock
/// is one compare-and-swap and giving it back one store. A thread that finds it taken spins on a
/// read for a short while, then yields its core on every further try, so a holder preempted
/// inside its few instructions gets to run and finish them.
///
/// The atomics are compiled into this module, so the thread sanitizer sees the acquire and
/// release orderings and the guarded state as protected by them.
///
/// The same rules as any lock here: keep the critical section short, never suspend or resume a
/// continuation inside it.
final class SpinLockedState<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched while `isLocked` is held by the toucher. The state lives
    // in its own allocation, so no dynamic exclusivity check of a class property runs per access.
    private let isLocked = Atomic<Bool>(false)
    private let state: UnsafeMutablePointer<State>

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

    func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { isLocked.store(false, ordering: .releasing) }
        return try body(&state.pointee)
    }

    private func lock() {
        if isLocked.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged { return }
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
