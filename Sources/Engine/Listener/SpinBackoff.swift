import Backpressure
import Runtime
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The unbounded snooze of the `spin-channel` step: keep retrying, yielding between attempts,
/// with no upper bound and no parking, as crossbeam's `Backoff::snooze` did.
///
/// A spinner occupies a runtime worker thread for as long as it spins (a `sched_yield` gives the
/// CPU back to the OS, never the thread back to the runtime), which is modelled by holding a
/// permit of `workers`: two spinners take both workers, and the API has no thread left.
///
/// On the deterministic runtime each iteration sleeps one `quantum` of virtual time, so virtual
/// time still advances and the spin rate is measurable; on the real executor each iteration is a
/// real `sched_yield` that burns a real thread. Either way the spin ends only when the attempt
/// succeeds (the fault is cleared) or the spinning task is cancelled (the scenario ends).
public final class SpinBackoff: Sendable {
    public enum Yield: Sendable {
        /// Sleep this much virtual time per iteration.
        case virtualQuantum(Duration)
        /// Call `sched_yield` without suspending: the thread stays busy.
        case osYield
    }

    private let runtime: any Runtime
    private let yield: Yield
    /// The runtime's worker threads; a spinner holds one, labelled with what it spins on.
    public let workers: AsyncSemaphore
    private let iterations = Atomic<Int>(0)

    public init(runtime: any Runtime, yield: Yield, workers: AsyncSemaphore) {
        self.runtime = runtime
        self.yield = yield
        self.workers = workers
    }

    /// Spin iterations since start, over every spinner.
    public var spinIterations: Int { iterations.load(ordering: .relaxed) }

    /// Runs `attempt` until it answers; between failed attempts, yields. The first attempt costs
    /// nothing extra, so the uncontended path never touches the worker pool.
    public func spin<T>(_ spinner: String, until attempt: () -> T?) async throws -> T {
        if let done = attempt() { return done }
        // The worker is taken for the spin's whole life.
        let thread = try await workers.acquireOwned(label: spinner)
        defer { thread.release() }
        while true {
            try await snooze()
            iterations.wrappingAdd(1, ordering: .relaxed)
            if let done = attempt() { return done }
        }
    }

    private func snooze() async throws {
        switch yield {
        case .virtualQuantum(let quantum):
            try await runtime.sleep(for: quantum)
        case .osYield:
            try Task.checkCancellation()
            sched_yield()
        }
    }
}
