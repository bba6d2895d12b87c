import Backpressure
import Runtime
import Testing

/// The channel invariants of the listener incident (the twenty cases its authors wrote for their
/// channel; see Sources/Engine/Listener/README.md), in virtual time on the deterministic runtime.
@Suite struct BoundedChannelTests {
    @Test func receivesInSendOrder() async throws {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 8)
        for value in 0..<8 { #expect(sender.trySend(value) == .sent) }
        for value in 0..<8 { #expect(try await receiver.receive() == value) }
    }

    @Test func isFullAtCapacity() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 3)
        for value in 0..<3 { #expect(sender.trySend(value) == .sent) }
        #expect(sender.trySend(3) == .full(3))
        #expect(sender.channel.snapshot().fullRejections == 1)
        _ = receiver
    }

    @Test func isEmptyWhenDrained() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 3)
        #expect(sender.trySend(1) == .sent)
        #expect(receiver.tryReceive() == .element(1))
        #expect(receiver.tryReceive() == .empty)
        sender.channel.checkInvariants()
    }

    @Test func backpressureReleasesAfterOneReceive() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 1)
        let sent = Recorder<Int>()
        simulate { runtime in
            #expect(sender.trySend(0) == .sent)
            runtime.spawn("blocked sender") {
                try? await sender.send(1)
                sent.append(1)
            }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(sent.all.isEmpty)
            #expect(sender.channel.snapshot().waitingSenders == 1)
            #expect(receiver.tryReceive() == .element(0))
            try await runtime.sleep(for: .milliseconds(1))
            #expect(sent.all == [1])
            #expect(receiver.tryReceive() == .element(1))
        }
    }

    @Test func keepsPerSenderOrderWithClonedSenders() {
        let (sender, receiver) = BoundedChannel<(Int, Int)>.make(name: "c", capacity: 4)
        let received = Recorder<(Int, Int)>()
        simulate { runtime in
            for producer in 0..<4 {
                let handle = sender.clone()
                runtime.spawn("producer \(producer)") {
                    for sequence in 0..<50 {
                        try? await handle.send((producer, sequence))
                        if runtime.random.chance(0.3) { try? await runtime.sleep(for: .milliseconds(1)) }
                    }
                }
            }
            for _ in 0..<200 { received.append(try #require(try await receiver.receive())) }
        }
        for producer in 0..<4 {
            #expect(received.all.filter { $0.0 == producer }.map(\.1) == Array(0..<50))
        }
        _ = sender
    }

    @Test func bufferedMessagesDrainAfterAllSendersDrop() async throws {
        let receiver: ChannelReceiver<Int>
        do {
            let (sender, rx) = BoundedChannel<Int>.make(name: "c", capacity: 4)
            receiver = rx
            let clone = sender.clone()
            #expect(sender.trySend(1) == .sent)
            #expect(clone.trySend(2) == .sent)
        }  // both sender handles are gone here
        var drained: [Int] = []
        for try await value in receiver { drained.append(value) }
        #expect(drained == [1, 2])
    }

    @Test func closedIsVisibleAfterReceiverDrop() {
        var receiver: ChannelReceiver<Int>?
        let sender: ChannelSender<Int>
        (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 4)
        #expect(!sender.isClosed)
        receiver = nil
        _ = receiver
        #expect(sender.isClosed)
        #expect(sender.trySend(7) == .closed(7))
    }

    @Test func passesAThousandMessagesThroughCapacityOneHundred() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 100)
        let received = Recorder<Int>()
        simulate { runtime in
            runtime.spawn("producer") {
                for value in 0..<1_000 { try? await sender.send(value) }
            }
            for _ in 0..<1_000 { received.append(try #require(try await receiver.receive())) }
        }
        #expect(received.all == Array(0..<1_000))
        #expect(sender.channel.snapshot().highWater == 100)
    }

    @Test func idleReceiverDoesNotBusyLoop() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 4)
        let runtime = DeterministicRuntime(seed: 1)
        runtime.spawn("receiver") { _ = try? await receiver.receive() }
        runtime.runUntilIdle()
        let before = runtime.jobsExecuted
        runtime.run(for: .milliseconds(100))
        // A parked receiver costs nothing while nothing arrives: fewer than 10 polls in 100 ms.
        #expect(runtime.jobsExecuted - before < 10)
        #expect(sender.channel.snapshot().receiverWaiting)
        #expect(sender.trySend(1) == .sent)
        runtime.runUntilIdle()
        #expect(runtime.liveTasks == 0)
    }

    @Test func burstOfFiftyDrainsInOrder() async throws {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 64)
        for value in 0..<50 { #expect(sender.trySend(value) == .sent) }
        var drained: [Int] = []
        while case .element(let value) = receiver.tryReceive() { drained.append(value) }
        #expect(drained == Array(0..<50))
    }

    @Test func droppingTheLastSenderWakesABlockedReceiver() {
        let ended = Recorder<Bool>()
        simulate { runtime in
            var sender: ChannelSender<Int>?
            let receiver: ChannelReceiver<Int>
            (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 4)
            runtime.spawn("receiver") {
                let value = try? await receiver.receive()
                ended.append(value == nil)
            }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(ended.all.isEmpty)
            sender = nil
            _ = sender
            try await runtime.sleep(for: .milliseconds(1))
        }
        #expect(ended.all == [true])
    }

    @Test(arguments: [(senders: 5, each: 200, capacity: 16), (senders: 50, each: 1_000, capacity: 5)])
    func concurrentSendersLoseNothing(senders: Int, each: Int, capacity: Int) {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: capacity)
        let total = LockedState(0)
        simulate { runtime in
            for producer in 0..<senders {
                let handle = sender.clone()
                runtime.spawn("producer \(producer)") {
                    for value in 0..<each { try? await handle.send(producer * each + value) }
                }
            }
            var seen = Set<Int>()
            for _ in 0..<(senders * each) {
                let value = try #require(try await receiver.receive())
                #expect(seen.insert(value).inserted)
            }
            total.withLock { $0 = seen.count }
        }
        #expect(total.withLock { $0 } == senders * each)
        sender.channel.checkInvariants()
    }

    @Test func rapidlyDisconnectingSendersLoseNothing() {
        let received = LockedState(Set<Int>())
        simulate { runtime in
            let receiver: ChannelReceiver<Int>
            do {
                let (sender, rx) = BoundedChannel<Int>.make(name: "c", capacity: 8)
                receiver = rx
                for producer in 0..<100 {
                    let handle = sender.clone()  // dropped as soon as its producer is done
                    runtime.spawn("producer \(producer)") {
                        for value in 0..<10 { try? await handle.send(producer * 10 + value) }
                    }
                }
            }
            // Ends only once every producer has dropped its handle.
            for try await value in receiver { received.withLock { _ = $0.insert(value) } }
        }
        #expect(received.withLock { $0.count } == 1_000)
    }

    @Test func twoHundredChannelsInParallel() {
        let counts = Recorder<Int>()
        simulate { runtime in
            for index in 0..<200 {
                let (sender, receiver) = BoundedChannel<Int>.make(name: "c\(index)", capacity: 7)
                runtime.spawn("producer \(index)") {
                    for value in 0..<500 { try? await sender.send(value) }
                }
                runtime.spawn("consumer \(index)") {
                    var expected = 0
                    while expected < 500, let value = try? await receiver.receive(), value == expected {
                        expected += 1
                    }
                    counts.append(expected)
                }
            }
        }
        #expect(counts.all.count == 200)
        #expect(counts.all.allSatisfy { $0 == 500 })
    }

    @Test func capacityOneSlowReceiverGetsEverythingInOrder() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 1)
        let received = Recorder<Int>()
        simulate { runtime in
            runtime.spawn("producer") {
                for value in 0..<500 { try? await sender.send(value) }
            }
            for _ in 0..<500 {
                received.append(try #require(try await receiver.receive()))
                try await runtime.sleep(for: .milliseconds(2))
            }
        }
        #expect(received.all == Array(0..<500))
    }

    @Test func blockedSendersAllFailWhenTheReceiverDrops() {
        let failures = Recorder<Int>()
        simulate { runtime in
            var receiver: ChannelReceiver<Int>?
            let sender: ChannelSender<Int>
            (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 2)
            #expect(sender.trySend(-1) == .sent && sender.trySend(-2) == .sent)
            for index in 0..<10 {
                runtime.spawn("sender \(index)") {
                    do throws(ChannelSendError<Int>) {
                        try await sender.send(index)
                    } catch {
                        if case .closed(let element) = error { failures.append(element) }
                    }
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            #expect(sender.channel.snapshot().waitingSenders == 10)
            receiver = nil
            _ = receiver
            try await runtime.sleep(for: .milliseconds(1))
        }
        #expect(failures.all.sorted() == Array(0..<10))
    }

    @Test func sendersObserveReceiverDisconnect() async {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 2)
        let clone = sender.clone()
        receiver.close()
        #expect(sender.isClosed && clone.isClosed)
        await #expect(throws: ReserveError.closed) { _ = try await clone.reserve() }
    }

    @Test func sendAfterCloseFailsWhileBufferedMessageIsStillDelivered() async throws {
        let (sender, receiver) = BoundedChannel<String>.make(name: "c", capacity: 2)
        #expect(sender.trySend("buffered") == .sent)
        receiver.close()
        #expect(sender.trySend("late") == .closed("late"))
        do {
            try await sender.send("later")
            Issue.record("send after close succeeded")
        } catch {
            #expect(error.element == "later")
        }
        #expect(try await receiver.receive() == "buffered")
        #expect(try await receiver.receive() == nil)
    }

    @Test func capacityIsExact() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 5)
        for value in 0..<5 { #expect(sender.trySend(value) == .sent) }
        #expect(sender.trySend(5) == .full(5))
        #expect(receiver.tryReceive() == .element(0))
        #expect(sender.trySend(5) == .sent)
        #expect(sender.trySend(6) == .full(6))
        sender.channel.checkInvariants()
    }

    // MARK: The listener's three forwarding paths never block when full

    @Test(arguments: ["established", "gateway-handshake", "nat-traversal"])
    func forwardingNeverBlocksWhenFull(path: String) {
        let capacityMessages = 4
        let attempts = 1_000
        let (sender, receiver) = BoundedChannel<Int>.make(name: path, capacity: capacityMessages)
        let runtime = DeterministicRuntime(seed: 1)
        let tally = LockedState((sent: 0, full: 0, closed: 0, finished: false))
        runtime.spawn("listener") {
            for attempt in 0..<attempts {
                switch sender.trySend(attempt) {
                case .sent: tally.withLock { $0.sent += 1 }
                case .full: tally.withLock { $0.full += 1 }
                case .closed: tally.withLock { $0.closed += 1 }
                }
            }
            tally.withLock { $0.finished = true }
        }
        // No consumer, and no time allowed to pass: all attempts finish without suspending.
        runtime.runUntilIdle()
        let result = tally.withLock { $0 }
        #expect(result.finished)
        #expect(runtime.now == .start)
        #expect(result.sent <= capacityMessages)
        #expect(result.full >= attempts - capacityMessages)
        #expect(result.closed == 0)
        _ = receiver
    }

    // MARK: Cancellation and reservations

    @Test func cancelledSendReturnsTheElementAndTakesNoSlot() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 1)
        let returned = Recorder<Int>()
        simulate { runtime in
            #expect(sender.trySend(0) == .sent)
            let blocked = runtime.spawn("sender") {
                do throws(ChannelSendError<Int>) {
                    try await sender.send(42)
                } catch {
                    if case .cancelled(let element) = error { returned.append(element) }
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            blocked.cancel()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(returned.all == [42])
            #expect(receiver.tryReceive() == .element(0))
            #expect(receiver.tryReceive() == .empty)
        }
        sender.channel.checkInvariants()
    }

    @Test func reservedSlotDeliversOrReturnsWhenDropped() async throws {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 1)
        do {
            let slot = try await sender.reserve()
            #expect(sender.trySend(1) == .full(1))
            slot.send(7)
        }
        #expect(receiver.tryReceive() == .element(7))
        do {
            let slot = try sender.tryReserve()
            #expect(sender.channel.snapshot().reserved == 1)
            _ = consume slot
        }
        #expect(sender.trySend(8) == .sent)
        sender.channel.checkInvariants()
    }

    @Test func cancelledReceiveLosesNothing() {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "c", capacity: 2)
        let outcomes = Recorder<String>()
        simulate { runtime in
            let waiting = runtime.spawn("receiver") {
                do {
                    _ = try await receiver.receive()
                    outcomes.append("received")
                } catch {
                    outcomes.append("cancelled")
                }
            }
            try await runtime.sleep(for: .milliseconds(1))
            waiting.cancel()
            try await runtime.sleep(for: .milliseconds(1))
            #expect(sender.trySend(5) == .sent)
            #expect(try await receiver.receive() == 5)
        }
        #expect(outcomes.all == ["cancelled"])
    }
}
