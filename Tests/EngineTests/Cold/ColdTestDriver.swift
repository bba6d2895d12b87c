import Foundation
import Runtime

/// Drives a test on either runtime: virtual time on the deterministic one, the wall clock (with a
/// deadlock guard, never a fixed sleep) on the live one.
protocol ColdTestDriver: Sendable {
    var runtime: any Runtime { get }
    /// Whether `condition` became true within `limit` (virtual or wall time).
    func waitUntil(within limit: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool
    /// Lets virtual time pass; on the live runtime the tests wait on conditions instead.
    func advance(_ duration: Duration) async
}

struct DeterministicDriver: ColdTestDriver {
    let deterministic: DeterministicRuntime
    var runtime: any Runtime { deterministic }

    init(seed: UInt64 = 1) {
        deterministic = DeterministicRuntime(seed: seed)
    }

    func waitUntil(within limit: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        await onOwnThread { [deterministic] in deterministic.run(until: condition, limit: limit) }
    }

    func advance(_ duration: Duration) async {
        await onOwnThread { [deterministic] in deterministic.run(for: duration) }
    }

    /// Drives the runtime on a thread of its own: driving blocks, and blocking a thread of the
    /// cooperative pool (two on this machine) would starve the live-runtime tests running beside.
    private func onOwnThread<T: Sendable>(_ drive: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: drive()) }.start()
        }
    }
}

/// The real multi-threaded executor. Every wait gets the 15 s deadlock guard of the original
/// tests, whatever shorter limit the scenario states: on a machine shared by many builds a
/// wall-clock "within 2 s" is a load test, not a correctness test. The virtual-time runs of the
/// same scenarios assert those limits exactly.
struct LiveDriver: ColdTestDriver {
    static let deadlockGuard: Duration = .seconds(15)
    static let pollInterval: Duration = .milliseconds(1)

    let runtime: any Runtime = LiveRuntime(seed: 1)

    func waitUntil(within _: Duration, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.deadlockGuard)
        while !condition() {
            guard clock.now < deadline else { return condition() }
            try? await clock.sleep(for: Self.pollInterval)
        }
        return true
    }

    func advance(_ duration: Duration) async {
        await Task.yield()
    }
}
