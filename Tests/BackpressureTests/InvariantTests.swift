import Backpressure
import Runtime
import Testing

@Suite struct InvariantTests {
    @Test func liveReadingsKeepEveryConservationLaw() async throws {
        let runtime = DeterministicRuntime(seed: 1)
        let semaphore = AsyncSemaphore(name: "pool", permits: 4, timeSource: runtime.timeSource)
        let (sender, _) = BoundedChannel<Int>.make(name: "queue", capacity: 2)
        let held = try semaphore.tryAcquireOwned(3, label: "holder")
        runtime.spawn("waiter") { _ = try? await semaphore.acquireOwned(4, label: "big") }
        runtime.runUntilIdle()
        _ = sender.trySend(1)
        _ = sender.trySend(2)
        _ = sender.trySend(3)
        #expect(ResourceSnapshot.semaphore(semaphore.snapshot()).invariantViolation == nil)
        #expect(ResourceSnapshot.channel(sender.channel.snapshot()).invariantViolation == nil)
        #expect(semaphore.snapshot().waiters.first?.collected == 1, "the waiter collected the free permit")
        held.release()
    }

    @Test func anOverfullChannelIsNamed() {
        let overfull = ChannelSnapshot(
            name: "queue", capacity: 4, length: 4, reserved: 1, highWater: 5, sends: 5, receives: 0,
            fullRejections: 0, waitingSenders: 0, receiverWaiting: false, isClosed: false, sendersGone: false)
        #expect(ResourceSnapshot.channel(overfull).invariantViolation == "queue: 4 buffered + 1 reserved > capacity 4")
    }
}
