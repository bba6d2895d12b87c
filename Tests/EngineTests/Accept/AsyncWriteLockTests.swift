import Backpressure
import Engine
import Runtime
import Testing

@Suite struct AsyncWriteLockTests {
    @Test func servesWaitersInOrderAndRecordsWaitAndHold() {
        let runtime = DeterministicRuntime(seed: 1)
        let lock = AsyncWriteLock(name: "test.lock", clock: runtime.clock)
        let order = LockedState<[String]>([])
        for name in ["first", "second", "third"] {
            runtime.spawn(name) {
                try? await lock.withLock(holder: name) {
                    order.withLock { $0.append(name) }
                    try await runtime.sleep(for: .milliseconds(100))
                }
            }
        }
        runtime.run(for: .milliseconds(150))
        let snapshot = lock.snapshot()
        #expect(snapshot.holders.map(\.label) == ["second"])
        #expect(lock.waiters == (now: 1, peak: 2))
        runtime.runUntilQuiescent()
        #expect(order.withLock { $0 } == ["first", "second", "third"])
        let (wait, hold) = lock.latencies
        #expect(wait.count == 3)
        // HDR buckets keep three significant digits.
        #expect(abs((wait.max - .milliseconds(200)).seconds) < 0.001)
        #expect(abs((hold.p50 - .milliseconds(100)).seconds) < 0.001)
        lock.semaphore.checkInvariants()
    }

    @Test func closingFailsWaitersButNotTheHolder() {
        let runtime = DeterministicRuntime(seed: 1)
        let lock = AsyncWriteLock(name: "test.lock", clock: runtime.clock)
        let outcomes = LockedState<[String]>([])
        for name in ["holder", "waiter"] {
            runtime.spawn(name) {
                do {
                    try await lock.withLock(holder: name) { try await runtime.sleep(for: .seconds(1)) }
                    outcomes.withLock { $0.append("\(name) done") }
                } catch {
                    outcomes.withLock { $0.append("\(name) failed") }
                }
            }
        }
        runtime.runUntilIdle()
        lock.close()
        runtime.runUntilQuiescent()
        #expect(outcomes.withLock { $0 } == ["waiter failed", "holder done"])
        #expect(lock.waiters.now == 0)
    }
}
