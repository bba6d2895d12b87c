import Backpressure
import Synchronization
import Testing

/// The primitives under real contention on the multi-threaded global executor: thousands of
/// tasks, cancellations and closes racing each other. Nothing may be lost or duplicated and no
/// permit may leak. `make check-tsan` runs this suite under the thread sanitizer.
@Suite struct PrimitiveStressTests {
    static let tasks = 2_000

    @Test func semaphoreUnderContentionAndCancellationLeaksNothing() async {
        let total = 8
        let semaphore = AsyncSemaphore(name: "stress", permits: total)
        let granted = Counter()
        let cancelled = Counter()
        let inUse = Counter()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<Self.tasks {
                group.addTask {
                    let wanted = index % 3 + 1
                    let waiter = Task {
                        do {
                            let permit = try await semaphore.acquire(
                                wanted, label: index % 10 == 0 ? "task \(index)" : nil)
                            precondition(inUse.add(wanted) <= total, "more permits in use than exist")
                            await Task.yield()
                            inUse.subtract(wanted)
                            granted.add()
                            _ = consume permit
                        } catch {
                            cancelled.add()
                        }
                    }
                    if index % 7 == 0 { waiter.cancel() }
                    await waiter.value
                }
            }
        }
        #expect(granted.value + cancelled.value == Self.tasks)
        #expect(granted.value > 0)
        let snapshot = semaphore.snapshot()
        #expect(snapshot.held == 0 && snapshot.available == total && snapshot.waiters.isEmpty)
        #expect(snapshot.holders.isEmpty)
        semaphore.checkInvariants()
    }

    @Test func deadlinesExpiringWhileGrantsArriveLeakNothing() async {
        // Every acquire and send waits under a deadline of a few microseconds on the real clock,
        // so expiries (a timer task's callback on another thread) race grants and hand-offs.
        let total = 4
        let semaphore = AsyncSemaphore(name: "deadline stress", permits: total)
        let (sender, receiver) = BoundedChannel<Int>.make(name: "deadline stress", capacity: 2)
        let granted = Counter()
        let expired = Counter()
        let inUse = Counter()
        let consumer = Task {
            var received = 0
            while (try? await receiver.receive()) != nil { received += 1 }
            return received
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<Self.tasks {
                let sender = sender.clone()
                group.addTask {
                    let wanted = index % 3 + 1
                    do {
                        try await withDeadline(.microseconds(index % 50), clock: ContinuousClock()) {
                            let permit = try await semaphore.acquire(wanted)
                            precondition(inUse.add(wanted) <= total, "more permits in use than exist")
                            await Task.yield()
                            inUse.subtract(wanted)
                            _ = consume permit
                            try await sender.send(index)
                        }
                        granted.add()
                    } catch {
                        expired.add()
                    }
                }
            }
        }
        _ = consume sender
        let received = await consumer.value
        #expect(granted.value + expired.value == Self.tasks)
        #expect(received == granted.value)
        let snapshot = semaphore.snapshot()
        #expect(snapshot.held == 0 && snapshot.available == total && snapshot.waiters.isEmpty)
        semaphore.checkInvariants()
    }

    @Test func closeRacingAcquiresLeavesEveryPermitAccounted() async {
        for round in 0..<20 {
            let semaphore = AsyncSemaphore(name: "close race \(round)", permits: 4)
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        if index == 100 { semaphore.close() }
                        if let permit = try? await semaphore.acquireOwned(index % 4 + 1) {
                            await Task.yield()
                            permit.release()
                        }
                    }
                }
            }
            let snapshot = semaphore.snapshot()
            #expect(snapshot.isClosed && snapshot.held == 0 && snapshot.available == 4)
            semaphore.checkInvariants()
        }
    }

    @Test func channelWithManyProducersLosesAndDuplicatesNothing() async throws {
        let producers = 16
        let each = 2_000
        let (sender, receiver) = BoundedChannel<Int>.make(name: "stress", capacity: 8)
        let consumer = Task {
            var seen = [Int](repeating: -1, count: producers)
            var count = 0
            while let value = try await receiver.receive() {
                let (producer, sequence) = value.quotientAndRemainder(dividingBy: each)
                precondition(sequence == seen[producer] + 1, "per-producer order broken")
                seen[producer] = sequence
                count += 1
            }
            return count
        }
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                let handle = sender.clone()
                group.addTask {
                    for sequence in 0..<each {
                        if sequence % 3 == 0 {
                            while case .full = handle.trySend(producer * each + sequence) { await Task.yield() }
                        } else {
                            try? await handle.send(producer * each + sequence)
                        }
                    }
                }
            }
        }
        withExtendedLifetime(sender) {}
        _ = consume sender
        #expect(try await consumer.value == producers * each)
    }

    @Test func cancelledSendsAreReturnedAndNeverDelivered() async throws {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "cancel stress", capacity: 2)
        let returned = Shared(Set<Int>())
        let delivered = Shared(Set<Int>())
        let consumer = Task {
            while let value = try? await receiver.receive() {
                delivered.update { _ = $0.insert(value) }
                if value % 5 == 0 { await Task.yield() }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for value in 0..<Self.tasks {
                let handle = sender.clone()
                group.addTask {
                    let attempt = Task {
                        do throws(ChannelSendError<Int>) {
                            try await handle.send(value)
                        } catch {
                            returned.update { _ = $0.insert(error.element) }
                        }
                    }
                    if value % 4 == 0 { attempt.cancel() }
                    await attempt.value
                }
            }
        }
        _ = consume sender
        await consumer.value
        let (sent, back) = (delivered.value, returned.value)
        #expect(sent.isDisjoint(with: back))
        #expect(sent.count + back.count == Self.tasks)
    }

    @Test func receiverClosingMidStreamLosesNothingThatWasAccepted() async throws {
        for round in 0..<20 {
            let (sender, receiver) = BoundedChannel<Int>.make(name: "close \(round)", capacity: 4)
            let accepted = Counter()
            let producer = Task {
                for value in 0..<1_000 {
                    do throws(ChannelSendError<Int>) {
                        try await sender.send(value)
                        accepted.add()
                    } catch {
                        return
                    }
                }
            }
            var received = 0
            while received < 100 + round * 10, (try await receiver.receive()) != nil { received += 1 }
            receiver.close()
            while case .element = receiver.tryReceive() { received += 1 }
            await producer.value
            #expect(received == accepted.value)
            sender.channel.checkInvariants()
        }
    }

    @Test func gateAndDirtySignalUnderConcurrency() async throws {
        let gate = Gate(name: "stress", open: false)
        let passed = Counter()
        let signal = DirtySignal(name: "stress")
        let saver = Task {
            var marks = 0
            while let batch = try await signal.wait() { marks += batch.marks }
            return marks
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<Self.tasks {
                group.addTask {
                    try? await gate.pass()
                    passed.add()
                    signal.mark()
                }
                if index == Self.tasks / 2 { gate.admit(10) }
            }
            group.addTask { gate.open() }
        }
        signal.close()
        #expect(passed.value == Self.tasks)
        #expect(gate.entered == Self.tasks)
        #expect(try await saver.value == Self.tasks)
    }
}
