import Backpressure
import Engine
import Runtime
import Testing

@Suite struct TrustLockTests {
    @Test func aWriterWaitsForReadersAndHoldsBackLaterReaders() {
        let runtime = DeterministicRuntime(seed: 1)
        let lock = TrustLock(name: "test.lock", clock: runtime.clock, longHoldThreshold: .milliseconds(20))
        let order = LockedState<[String]>([])
        runtime.spawn("reader 1") {
            try? await lock.withReadLock("reader 1") {
                try? await runtime.sleep(for: .milliseconds(50))
                order.withLock { $0.append("reader 1 done") }
            }
        }
        runtime.run(for: .milliseconds(1))
        runtime.spawn("writer") {
            try? await lock.withWriteLock("writer") { order.withLock { $0.append("writer") } }
        }
        runtime.run(for: .milliseconds(1))
        runtime.spawn("reader 2") {
            try? await lock.withReadLock("reader 2") { order.withLock { $0.append("reader 2") } }
        }
        runtime.runUntilQuiescent()
        #expect(order.withLock { $0 } == ["reader 1 done", "writer", "reader 2"])
        #expect(lock.hold.summary.max >= .milliseconds(50))
        #expect(lock.writeWait.summary.max >= .milliseconds(49))
        #expect(lock.wait.summary.count == 3)
        lock.semaphore.checkInvariants()
        #expect(lock.semaphore.availablePermits == TrustLock.readerCapacity)
    }

    @Test func aLongHoldIsReportedWithItsHolderWhileItLastsAndForAWhileAfter() throws {
        let runtime = DeterministicRuntime(seed: 1)
        let lock = TrustLock(name: "test.lock", clock: runtime.clock, longHoldThreshold: .milliseconds(20))
        runtime.spawn("saver") {
            try? await lock.withWriteLock("save peer-7") { try? await runtime.sleep(for: .milliseconds(52)) }
        }
        runtime.run(for: .milliseconds(10))
        #expect(lock.longHold() == nil, "10 ms is below the threshold")
        runtime.run(for: .milliseconds(20))
        #expect(lock.longHold()?.holder == "save peer-7")
        runtime.run(for: .milliseconds(30))
        let ended = try #require(lock.longHold())
        #expect(ended.duration == .milliseconds(52))
        runtime.run(for: TrustLock.longHoldMemory + .milliseconds(1))
        #expect(lock.longHold() == nil, "forgotten once old")
    }

    @Test func readersShareTheLock() {
        let runtime = DeterministicRuntime(seed: 1)
        let lock = TrustLock(name: "test.lock", clock: runtime.clock, longHoldThreshold: .milliseconds(20))
        for index in 0..<10 {
            runtime.spawn("reader \(index)") {
                try? await lock.withReadLock("reader \(index)") { try? await runtime.sleep(for: .milliseconds(10)) }
            }
        }
        runtime.runUntilQuiescent()
        #expect(runtime.now == RuntimeInstant(sinceStart: .milliseconds(10)))
        #expect(lock.wait.summary.max == .zero)
    }
}
