import Backpressure
import Runtime
import Testing

@Suite struct WithCancellingDeadlineTests {
    @Test func timedOutOperationReleasesItsPermitToTheNextAcquirer() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let permits = AsyncSemaphore(name: "reads", permits: 1, timeSource: runtime.timeSource)
            let stuck = Gate(name: "backend", open: false)
            do {
                _ = try await withCancellingDeadline(.seconds(5), clock: runtime.clock) {
                    let permit = try await permits.acquireOwned(label: "read #1")
                    try await stuck.pass()  // a backend call that never returns
                    return permit.permits
                }
                outcomes.append("read #1 finished")
            } catch is DeadlineExceeded {
                outcomes.append("read #1 timeout at \(runtime.now)")
            }
            // By the time the timeout is reported, the permit is back.
            #expect(permits.availablePermits == 1)
            let next = try await withCancellingDeadline(.seconds(5), clock: runtime.clock) {
                try await permits.acquireOwned(label: "read #2").permits
            }
            outcomes.append("read #2 got \(next)")
            permits.checkInvariants()
        }
        #expect(outcomes.all == ["read #1 timeout at 00:05.0", "read #2 got 1"])
    }

    @Test func fastOperationReturnsItsValueAndCancelsTheTimer() {
        simulate { runtime in
            let value = try await withCancellingDeadline(.seconds(5), clock: runtime.clock) {
                try await runtime.sleep(for: .seconds(1))
                return 7
            }
            #expect(value == 7)
            #expect(runtime.now == RuntimeInstant(sinceStart: .seconds(1)))
            #expect(runtime.pendingTimers == 0)
        }
    }

    @Test func operationRunsInItsTurnAfterJobsQueuedBeforeIt() {
        // On the deterministic runtime the operation is enqueued like any child, not started on
        // the caller's thread: a replay keeps the job order it had.
        let order = Recorder<String>()
        simulate { runtime in
            runtime.spawn("queued") { order.append("queued task") }
            let value = try await withCancellingDeadline(.seconds(5), clock: runtime.clock) { () async throws -> Int in
                order.append("operation")
                return 7
            }
            order.append("returned \(value)")
        }
        #expect(order.all == ["queued task", "operation", "returned 7"])
    }

    @Test func operationErrorsPassThrough() {
        struct Boom: Error {}
        simulate { runtime in
            await #expect(throws: Boom.self) {
                try await withCancellingDeadline(.seconds(5), clock: runtime.clock) { () async throws -> Int in
                    throw Boom()
                }
            }
        }
    }

    @Test func cancellingTheCallerCancelsTheOperation() {
        let outcomes = Recorder<String>()
        simulate { runtime in
            let gate = Gate(name: "never", open: false)
            let caller = runtime.spawn("caller") {
                do {
                    try await withCancellingDeadline(.seconds(60), clock: runtime.clock) { try await gate.pass() }
                    outcomes.append("passed")
                } catch is CancellationError {
                    outcomes.append("cancelled at \(runtime.now)")
                } catch {
                    outcomes.append("\(error)")
                }
            }
            try await runtime.sleep(for: .seconds(1))
            caller.cancel()
            await caller.join()
        }
        #expect(outcomes.all == ["cancelled at 00:01.0"])
    }
}
