import Backpressure
import Testing

/// `withCancellingDeadline` on the global executor, where the operation's child starts immediately on the
/// caller's thread and the timer is armed only if the operation suspends.
@Suite struct WithCancellingDeadlineLiveTests {
    @Test func readyOperationReturnsItsValueWithoutATimer() async throws {
        let clock = ExpiringClock()
        let value = try await withCancellingDeadline(.seconds(5), clock: clock) { 7 }
        #expect(value == 7)
        #expect(clock.timers.count == 0)
    }

    @Test func suspendedOperationGetsTheTimerAndReleasesWhatItHeldOnExpiry() async {
        let clock = ExpiringClock()
        let permits = AsyncSemaphore(name: "reads", permits: 1)
        let stuck = Gate(name: "backend", open: false)
        await #expect(throws: DeadlineExceeded.self) {
            try await withCancellingDeadline(.seconds(5), clock: clock) {
                let permit = try await permits.acquireOwned(label: "read #1")
                try await stuck.pass()  // a backend call that never returns
                return permit.permits
            }
        }
        // By the time the timeout is reported, the operation has unwound and the permit is back.
        #expect(permits.availablePermits == 1)
        #expect(clock.timers.count == 1)
        permits.checkInvariants()
    }

    @Test func cancellingTheCallerCancelsTheOperation() async {
        let gate = Gate(name: "never", open: false)
        let caller = Task {
            try await withCancellingDeadline(.seconds(60), clock: ContinuousClock()) { try await gate.pass() }
        }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
    }
}
