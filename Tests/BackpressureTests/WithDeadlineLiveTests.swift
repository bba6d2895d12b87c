import Backpressure
import Testing

/// The cooperative `withDeadline` on the global executor, where a wait's timer is a task sleeping
/// on the deadline's clock.
@Suite struct WithDeadlineLiveTests {
    @Test func readyOperationReturnsItsValueWithoutATimer() async throws {
        let clock = ExpiringClock()
        let permits = AsyncSemaphore(name: "reads", permits: 1)
        // Past its deadline from the start, and still served: nothing had to wait.
        let value = try await withDeadline(.zero, clock: clock) { try await permits.acquireOwned().permits }
        #expect(value == 1)
        #expect(clock.timers.count == 0)
    }

    @Test func expiryWhileWaitingForPermitsRemovesTheWaiterAndConservesThePermits() async throws {
        let clock = ExpiringClock()
        let permits = AsyncSemaphore(name: "reads", permits: 3)
        let held = try await permits.acquireOwned(2, label: "holder")
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.zero, clock: clock) { try await permits.acquireOwned(3, label: "read").permits }
        }
        #expect(clock.timers.count == 1)
        #expect(permits.snapshot().waiters.isEmpty)
        #expect(permits.availablePermits == 1)
        _ = consume held
        #expect(permits.availablePermits == 3)
        permits.checkInvariants()
    }

    @Test func expiryWhileSendingToAFullChannelLeavesTheQueue() async throws {
        let clock = ExpiringClock()
        let (sender, receiver) = BoundedChannel<Int>.make(name: "jobs", capacity: 1)
        try await sender.send(1)
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.zero, clock: clock) { try await sender.send(2) }
        }
        #expect(sender.snapshot().waitingSenders == 0)
        let received = try await receiver.receive()
        #expect(received == 1)
        #expect(receiver.tryReceive() == .empty)
        sender.channel.checkInvariants()
    }

    @Test func cancellingTheCallerCancelsTheOperation() async {
        let permits = AsyncSemaphore(name: "never", permits: 0)
        let caller = Task {
            try await withDeadline(.seconds(60), clock: ContinuousClock()) { try await permits.acquireOwned().permits }
        }
        caller.cancel()
        await #expect(throws: SemaphoreError.cancelled) { try await caller.value }
        #expect(permits.snapshot().waiters.isEmpty)
    }
}
