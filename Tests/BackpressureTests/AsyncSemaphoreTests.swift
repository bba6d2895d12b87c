import Backpressure
import Runtime
import Testing

/// The semantics promised by `AsyncSemaphore`, one test per promise, in virtual time.
@Suite struct AsyncSemaphoreTests {
    @Test func grantsWithoutWaitingWhenPermitsAreFree() async throws {
        let semaphore = AsyncSemaphore(name: "s", permits: 2)
        do {
            let a = try await semaphore.acquire()
            let b = try semaphore.tryAcquire()
            #expect(semaphore.availablePermits == 0)
            #expect(throws: TryAcquireError.noPermits) { _ = try semaphore.tryAcquire() }
            _ = consume a
            _ = consume b
        }
        #expect(semaphore.availablePermits == 2)
        semaphore.checkInvariants()
    }

    @Test func largeHeadWaiterHoldsBackSmallerOnesBehindIt() {
        let semaphore = AsyncSemaphore(name: "s", permits: 10)
        let order = Recorder<String>()
        simulate { runtime in
            let holder = try await semaphore.acquireOwned(5, label: "holder")
            runtime.spawn("big") {
                let permit = try? await semaphore.acquireMany(8, label: "big")
                order.append("big")
                try? await runtime.sleep(for: .seconds(1))
                _ = permit
            }
            try await runtime.sleep(for: .milliseconds(1))
            // The head collected the 5 free permits: nothing is left for a request of one,
            // although a non-FIFO semaphore would have served it.
            let head = try #require(semaphore.snapshot().waiters.first)
            #expect(head.requested == 8 && head.collected == 5)
            #expect(semaphore.availablePermits == 0)
            #expect(throws: TryAcquireError.noPermits) { _ = try semaphore.tryAcquire() }
            runtime.spawn("small") {
                _ = try? await semaphore.acquire(1, label: "small")
                order.append("small")
            }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(order.all.isEmpty)
            #expect(semaphore.snapshot().waiters.map(\.requested) == [8, 1])
            holder.release()
            try await runtime.sleep(for: .seconds(2))
            #expect(order.all == ["big", "small"])
        }
        semaphore.checkInvariants()
        #expect(semaphore.availablePermits == 10)
    }

    @Test func waitersAreServedInArrivalOrder() {
        let semaphore = AsyncSemaphore(name: "s", permits: 1)
        let order = Recorder<Int>()
        simulate { runtime in
            let first = try await semaphore.acquireOwned()
            for index in 0..<20 {
                runtime.spawn("waiter \(index)") {
                    let permit = try? await semaphore.acquire(index % 3 == 0 ? 1 : 1)
                    order.append(index)
                    try? await runtime.sleep(for: .milliseconds(1))
                    _ = permit
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            first.release()
            try await runtime.sleep(for: .seconds(1))
        }
        #expect(order.all == Array(0..<20))
        semaphore.checkInvariants()
    }

    @Test func closeFailsWaitersAndLaterAcquiresButHeldPermitsStayValid() {
        let semaphore = AsyncSemaphore(name: "s", permits: 2)
        let failures = Recorder<SemaphoreError>()
        simulate { runtime in
            let held = try await semaphore.acquireOwned(2, label: "held")
            for index in 0..<3 {
                runtime.spawn("waiter \(index)") {
                    do {
                        _ = try await semaphore.acquire()
                    } catch let error as SemaphoreError {
                        failures.append(error)
                    } catch {}
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            semaphore.close()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(failures.all == [.closed, .closed, .closed])
            await #expect(throws: SemaphoreError.closed) { _ = try await semaphore.acquire() }
            #expect(throws: TryAcquireError.closed) { _ = try semaphore.tryAcquire() }
            #expect(held.permits == 2)
            held.release()
            #expect(semaphore.availablePermits == 2)
            #expect(semaphore.snapshot().isClosed)
        }
        semaphore.checkInvariants()
    }

    @Test func onlyTryAcquireCountsRejections() {
        let semaphore = AsyncSemaphore(name: "s", permits: 1)
        simulate { runtime in
            let held = try await semaphore.acquireOwned()
            runtime.spawn("waiter") { _ = try? await semaphore.acquire() }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(semaphore.snapshot().rejections == 0, "an acquire that waits is not a rejection")
            #expect(throws: TryAcquireError.noPermits) { _ = try semaphore.tryAcquire() }
            #expect(semaphore.snapshot().rejections == 1)
            held.release()
            try await runtime.sleep(for: .milliseconds(1))
        }
        semaphore.checkInvariants()
    }

    @Test func addedPermitsServeWaitersFirst() {
        let semaphore = AsyncSemaphore(name: "s", permits: 0)
        let granted = Recorder<Int>()
        simulate { runtime in
            runtime.spawn("waiter") {
                let permit = try? await semaphore.acquireOwned(2)
                granted.append(permit?.permits ?? 0)
                permit?.forget()
            }
            try await runtime.sleep(for: .milliseconds(1))
            semaphore.addPermits(3)
            #expect(semaphore.availablePermits == 1)
            try await runtime.sleep(for: .milliseconds(1))
        }
        #expect(granted.all == [2])
        #expect(semaphore.snapshot().total == 1)
        semaphore.checkInvariants()
    }

    @Test func cancellingAWaiterRemovesExactlyThatWaiter() {
        let semaphore = AsyncSemaphore(name: "s", permits: 0)
        let outcomes = Recorder<String>()
        simulate { runtime in
            var tasks: [RuntimeTask] = []
            for name in ["a", "b", "c"] {
                tasks.append(
                    runtime.spawn(name) {
                        do {
                            let permit = try await semaphore.acquire(label: name)
                            outcomes.append("\(name) granted")
                            permit.forget()
                        } catch is CancellationError {
                            outcomes.append("\(name) cancelled")
                        } catch {
                            outcomes.append("\(name) \(error)")
                        }
                    })
            }
            try await runtime.sleep(for: .milliseconds(1))
            tasks[1].cancel()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(semaphore.snapshot().waiters.map(\.label) == ["a", "c"])
            semaphore.addPermits(2)
            try await runtime.sleep(for: .milliseconds(1))
        }
        #expect(outcomes.all == ["b cancelled", "a granted", "c granted"])
        semaphore.checkInvariants()
    }

    @Test func cancelledHeadHandsBackWhatItCollected() {
        let semaphore = AsyncSemaphore(name: "s", permits: 4)
        let outcomes = Recorder<String>()
        simulate { runtime in
            let held = try await semaphore.acquireOwned(3, label: "held")
            let head = runtime.spawn("head") {
                do {
                    _ = try await semaphore.acquireMany(4, label: "head")
                    outcomes.append("head granted")
                } catch {
                    outcomes.append("head cancelled")
                }
            }
            runtime.spawn("behind") {
                let permit = try? await semaphore.acquire(label: "behind")
                outcomes.append(permit == nil ? "behind failed" : "behind granted")
            }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(semaphore.snapshot().waiters.first?.collected == 1)
            head.cancel()
            try await runtime.sleep(for: .milliseconds(1))
            // The head's one collected permit went back and woke the waiter behind it (both wake
            // in the same instant; their order is not a promise).
            #expect(Set(outcomes.all) == ["head cancelled", "behind granted"])
            held.release()
        }
        #expect(semaphore.availablePermits == 4)
        semaphore.checkInvariants()
    }

    @Test func permitTravellingInAMessageIsReleasedWhenTheMessageIsDropped() async throws {
        struct Request: Sendable {
            let id: Int
            let permit: OwnedSemaphorePermit
        }
        let semaphore = AsyncSemaphore(name: "reads", permits: 2)
        let (sender, receiver) = BoundedChannel<Request>.make(name: "requests", capacity: 4)
        #expect(sender.trySend(Request(id: 1, permit: try semaphore.tryAcquireOwned(label: "read #1"))).isSent)
        #expect(sender.trySend(Request(id: 2, permit: try semaphore.tryAcquireOwned(label: "read #2"))).isSent)
        #expect(semaphore.availablePermits == 0)
        do {
            let request = try await receiver.receive()
            #expect(request?.id == 1)
        }  // the handler drops the request: its permit comes back
        #expect(semaphore.availablePermits == 1)
        receiver.close()
        _ = receiver.tryReceive()  // drains the last buffered request, dropping it
        #expect(semaphore.availablePermits == 2)
        semaphore.checkInvariants()
    }

    @Test func permitIsReleasedExactlyOnce() async throws {
        let semaphore = AsyncSemaphore(name: "s", permits: 3)
        let owned = try await semaphore.acquireOwned(3, label: "owner")
        let part = try #require(owned.split(1))
        #expect(owned.permits == 2 && part.permits == 1)
        #expect(owned.split(2) == nil)
        owned.release()
        owned.release()  // idempotent
        #expect(semaphore.availablePermits == 2)
        part.forget()
        #expect(semaphore.snapshot().total == 2)
        do {
            let scoped = try await semaphore.acquire(2)
            scoped.forget()
        }
        #expect(semaphore.snapshot().total == 0)
        semaphore.addPermits(1)
        do {
            let scoped = try await semaphore.acquire()
            let moved = scoped.owned()
            #expect(semaphore.availablePermits == 0)
            _ = moved
        }
        #expect(semaphore.availablePermits == 1)
        semaphore.checkInvariants()
    }

    @Test func snapshotNamesHoldersWithTheirAgesAndTheWaiters() {
        let semaphore = AsyncSemaphore(name: "reads", permits: 2)
        let snapshots = Recorder<SemaphoreSnapshot>()
        simulate { runtime in
            let timed = AsyncSemaphore(name: "reads", permits: 2, timeSource: runtime.timeSource)
            let old = try await timed.acquireOwned(label: "read #17")
            try await runtime.sleep(for: .milliseconds(4_100))
            let young = try await timed.acquireOwned(label: "read #18")
            runtime.spawn("writer") { _ = try? await timed.acquireMany(2, label: "writer drain") }
            try await runtime.sleep(for: .milliseconds(300))
            snapshots.append(timed.snapshot())
            _ = (old, young)
            timed.close()
        }
        let snapshot = snapshots.all.first
        #expect(snapshot?.holders.map(\.label) == ["read #17", "read #18"])
        #expect(snapshot?.oldestHolder?.age == .milliseconds(4_400))
        #expect(snapshot?.waiters.first?.label == "writer drain")
        #expect(snapshot?.waiters.first?.waited == .milliseconds(300))
        #expect(snapshot?.held == 2 && snapshot?.available == 0 && snapshot?.highWater == 2)
        semaphore.checkInvariants()
    }
}
