import Backpressure
import Runtime
import Testing

/// The cooperative `withDeadline` on the deterministic runtime: the operation runs in the
/// caller's task and the waits of this module expire on the runtime's virtual clock.
@Suite struct WithDeadlineTests {
    @Test func expiryWhileWaitingForPermitsRemovesTheWaiterAndConservesThePermits() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let permits = AsyncSemaphore(name: "reads", permits: 3, timeSource: runtime.timeSource)
            let held = try await permits.acquireOwned(2, label: "holder")
            do {
                // Collects the one free permit at the head, then waits for two more.
                _ = try await withDeadline(.seconds(5), clock: runtime.clock) {
                    try await permits.acquireOwned(3, label: "read").permits
                }
                outcomes.append("acquired")
            } catch is DeadlineExceeded {
                outcomes.append("timeout at \(runtime.now)")
            }
            // The waiter is gone and the permit it had collected is back in the pool.
            #expect(permits.snapshot().waiters.isEmpty)
            #expect(permits.availablePermits == 1)
            permits.checkInvariants()
            _ = held
        }
        #expect(outcomes.all == ["timeout at 00:05.0"])
    }

    @Test func anExpiredWaiterIsNotGrantedWhatComesBackLater() {
        simulate { runtime in
            let permits = AsyncSemaphore(name: "reads", permits: 1, timeSource: runtime.timeSource)
            let holder = try await permits.acquireOwned(label: "holder")
            runtime.spawn("releaser") {
                try? await runtime.sleep(for: .seconds(10))
                holder.release()
            }
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(5), clock: runtime.clock) { try await permits.acquireOwned() }
            }
            try await runtime.sleep(for: .seconds(10))
            #expect(permits.availablePermits == 1)
            #expect(permits.snapshot().holders.isEmpty)
            permits.checkInvariants()
        }
    }

    @Test func expiryWhileSendingToAFullChannelLeavesTheQueueAndDeliversNothing() {
        simulate { runtime in
            let (sender, receiver) = BoundedChannel<Int>.make(name: "jobs", capacity: 1)
            try await sender.send(1)
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(5), clock: runtime.clock) { try await sender.send(2) }
            }
            #expect(runtime.now == RuntimeInstant(sinceStart: .seconds(5)))
            #expect(sender.snapshot().waitingSenders == 0)
            let received = try await receiver.receive()
            #expect(received == 1)
            #expect(receiver.tryReceive() == .empty)
            sender.channel.checkInvariants()
        }
    }

    @Test func expiryWhileReservingGivesNoSlot() {
        simulate { runtime in
            let (sender, receiver) = BoundedChannel<Int>.make(name: "jobs", capacity: 1)
            let slot = try await sender.reserve()
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(5), clock: runtime.clock) { _ = try await sender.reserve() }
            }
            #expect(sender.snapshot().waitingSenders == 0)
            #expect(sender.snapshot().reserved == 1)
            slot.send(7)
            let received = try await receiver.receive()
            #expect(received == 7)
            sender.channel.checkInvariants()
        }
    }

    @Test func expiryWhileReceivingLeavesNoReceiverWaiting() {
        simulate { runtime in
            let (sender, receiver) = BoundedChannel<Int>.make(name: "jobs", capacity: 1)
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(5), clock: runtime.clock) { try await receiver.receive() }
            }
            #expect(!receiver.snapshot().receiverWaiting)
            // The element sent afterwards waits in the queue for the next receive.
            #expect(sender.trySend(3) == .sent)
            let received = try await receiver.receive()
            #expect(received == 3)
        }
    }

    @Test func expiryEndsAGateWaitADirtySignalWaitAndASleep() {
        simulate { runtime in
            let gate = Gate(name: "backend", open: false)
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(1), clock: runtime.clock) { try await gate.pass() }
            }
            #expect(gate.snapshot().waiting == 0)
            let signal = DirtySignal(name: "dirty")
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(1), clock: runtime.clock) { _ = try await signal.wait() }
            }
            await #expect(throws: DeadlineExceeded.self) {
                try await withDeadline(.seconds(1), clock: runtime.clock) {
                    try await runtime.sleep(for: .seconds(10))
                }
            }
            #expect(runtime.now == RuntimeInstant(sinceStart: .seconds(3)))
            #expect(runtime.pendingTimers == 0)
        }
    }

    @Test func fastOperationReturnsItsValueAndDisarmsTheTimer() {
        simulate { runtime in
            let gate = Gate(name: "soon", open: false)
            runtime.spawn("opener") {
                try? await runtime.sleep(for: .seconds(1))
                gate.open()
            }
            let value = try await withDeadline(.seconds(5), clock: runtime.clock) {
                try await gate.pass()
                return 7
            }
            #expect(value == 7)
            #expect(runtime.now == RuntimeInstant(sinceStart: .seconds(1)))
            #expect(runtime.pendingTimers == 0)
        }
    }

    @Test func readyWorkIsNeverInterruptedEvenPastTheDeadline() {
        simulate { runtime in
            let permits = AsyncSemaphore(name: "reads", permits: 1, timeSource: runtime.timeSource)
            let value = try await withDeadline(.zero, clock: runtime.clock) {
                try await permits.acquireOwned().permits
            }
            #expect(value == 1)
            #expect(runtime.pendingTimers == 0)
        }
    }

    @Test func operationRunsInlineInTheCallersTask() {
        let order = Recorder<String>()
        simulate { runtime in
            runtime.spawn("queued") { order.append("queued task") }
            let value = try await withDeadline(.seconds(5), clock: runtime.clock) { () async throws -> Int in
                order.append("operation")
                return 7
            }
            order.append("returned \(value)")
            try await runtime.sleep(for: .seconds(1))
        }
        #expect(order.all == ["operation", "returned 7", "queued task"])
    }

    @Test func operationErrorsPassThrough() {
        struct Boom: Error {}
        simulate { runtime in
            await #expect(throws: Boom.self) {
                try await withDeadline(.seconds(5), clock: runtime.clock) { () async throws -> Int in throw Boom() }
            }
        }
    }

    @Test func cancellingTheCallerCancelsTheOperation() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let permits = AsyncSemaphore(name: "never", permits: 0, timeSource: runtime.timeSource)
            let caller = runtime.spawn("caller") {
                do {
                    _ = try await withDeadline(.seconds(60), clock: runtime.clock) { try await permits.acquireOwned() }
                    outcomes.append("acquired")
                } catch {
                    outcomes.append("\(error) at \(runtime.now)")
                }
            }
            try await runtime.sleep(for: .seconds(1))
            caller.cancel()
            await caller.join()
            #expect(permits.snapshot().waiters.isEmpty)
            #expect(runtime.pendingTimers == 0)
        }
        #expect(outcomes.all == ["cancelled at 00:01.0"])
    }

    @Test func aShorterInnerDeadlineExpiresAloneAndTheOuterCarriesOn() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let gate = Gate(name: "never", open: false)
            let value = try await withDeadline(.seconds(10), clock: runtime.clock) { () async throws -> Int in
                do {
                    try await withDeadline(.seconds(2), clock: runtime.clock) { try await gate.pass() }
                } catch is DeadlineExceeded {
                    outcomes.append("inner timeout at \(runtime.now)")
                }
                try await runtime.sleep(for: .seconds(1))
                return 7
            }
            outcomes.append("outer returned \(value) at \(runtime.now)")
            #expect(runtime.pendingTimers == 0)
        }
        #expect(outcomes.all == ["inner timeout at 00:02.0", "outer returned 7 at 00:03.0"])
    }

    @Test func aShorterOuterDeadlineEndsTheInnerWaitAndIsReportedByTheOuter() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let gate = Gate(name: "never", open: false)
            do {
                _ = try await withDeadline(.seconds(2), clock: runtime.clock) { () async throws -> Int in
                    do {
                        try await withDeadline(.seconds(10), clock: runtime.clock) { try await gate.pass() }
                    } catch {
                        // The inner deadline has not passed: it passes the wait's error up.
                        outcomes.append("inner threw \(type(of: error)) at \(runtime.now)")
                        throw error
                    }
                    return 7
                }
            } catch is DeadlineExceeded {
                outcomes.append("outer timeout at \(runtime.now)")
            }
            #expect(runtime.pendingTimers == 0)
        }
        #expect(outcomes.all == ["inner threw CancellationError at 00:02.0", "outer timeout at 00:02.0"])
    }
}
