import Backpressure
import Engine
import Runtime
import Testing

/// The `spin-channel` step's reserve-then-commit ring: ordinary channel semantics while every
/// reservation commits, an unbounded spin on both sides once one never does.
@Suite struct SpinChannelTests {
    static let spinQuantum: Duration = .milliseconds(1)

    private struct Fixture {
        let runtime = DeterministicRuntime(seed: 3)
        let workers: AsyncSemaphore
        let backoff: SpinBackoff
        let channel: SpinChannel<Int>

        init(capacity: Int) {
            workers = AsyncSemaphore(name: "workers", permits: 2, timeSource: runtime.timeSource)
            backoff = SpinBackoff(
                runtime: runtime, yield: .virtualQuantum(SpinChannelTests.spinQuantum), workers: workers)
            channel = SpinChannel(name: "ring", capacity: capacity, backoff: backoff, timeSource: runtime.timeSource)
        }
    }

    private final class Log: Sendable {
        let values = LockedState<[Int]>([])
        let outcomes = LockedState<[ForwardOutcome]>([])
        let done = ListenerTestFlag()
    }

    @Test func deliversInOrderAndAnswersFullAtCapacity() {
        let fixture = Fixture(capacity: 5)
        let channel = fixture.channel
        let log = Log()
        fixture.runtime.spawn("sender") {
            for value in 0..<6 {
                let outcome = try! await channel.trySend(value, spinner: "sender")
                log.outcomes.withLock { $0.append(outcome) }
            }
            log.done.set()
        }
        fixture.runtime.runUntilIdle()
        #expect(log.done.isSet)
        // Capacity is exact: the sixth is full.
        #expect(log.outcomes.withLock { $0 } == [.sent, .sent, .sent, .sent, .sent, .full])
        #expect(channel.snapshot().fullRejections == 1)
        channel.checkInvariants()

        fixture.runtime.spawn("receiver") {
            channel.close()
            while let value = try! await channel.receive(spinner: "receiver") {
                log.values.withLock { $0.append(value) }
            }
        }
        fixture.runtime.runUntilIdle()
        // Buffered messages drain after close, in order, then the stream ends.
        #expect(log.values.withLock { $0 } == [0, 1, 2, 3, 4])
        #expect(fixture.backoff.spinIterations == 0)
    }

    @Test func aParkedReceiverWakesOnSendAndSendAwaitsRoom() {
        let fixture = Fixture(capacity: 2)
        let channel = fixture.channel
        let log = Log()
        let runtime = fixture.runtime
        runtime.spawn("receiver") {
            try? await runtime.sleep(for: .seconds(1))
            while let value = try! await channel.receive(spinner: "receiver") {
                log.values.withLock { $0.append(value) }
            }
        }
        runtime.spawn("sender") {
            for value in 0..<10 {
                let outcome = try! await channel.send(value, spinner: "sender")
                log.outcomes.withLock { $0.append(outcome) }
            }
            channel.close()
        }
        runtime.runUntilQuiescent(limit: .seconds(10))
        #expect(log.values.withLock { $0 } == Array(0..<10))
        #expect(log.outcomes.withLock { $0 } == Array(repeating: .sent, count: 10))
        #expect(fixture.backoff.spinIterations == 0)
        channel.checkInvariants()
    }

    @Test func aWedgedSlotMakesSenderAndReceiverSpinUntilCleared() {
        let fixture = Fixture(capacity: 8)
        let channel = fixture.channel
        let runtime = fixture.runtime
        let log = Log()
        runtime.spawn("receiver") {
            while let value = try! await channel.receive(spinner: "receiver") {
                log.values.withLock { $0.append(value) }
            }
            log.done.set()
        }
        runtime.spawn("sender") {
            _ = try! await channel.trySend(1, spinner: "sender")
            try? await runtime.sleep(for: .seconds(1))
            // Seven sends fill the other slots of the ring; the eighth wraps onto the wedged
            // reservation and spins until it is cleared (crossbeam's stamp check).
            for value in 2...9 {
                let outcome = try! await channel.trySend(value, spinner: "sender")
                log.outcomes.withLock { $0.append(outcome) }
            }
        }
        runtime.run(for: .milliseconds(500))
        #expect(channel.wedge())
        runtime.run(for: .seconds(3))

        // The receiver spun at once on the wedged head; the sender only after the wrap. Both
        // spin now, each on a worker, one quantum per iteration.
        #expect(log.values.withLock { $0 } == [1])
        #expect(log.outcomes.withLock { $0 } == Array(repeating: .sent, count: 7))
        #expect(Set(fixture.workers.snapshot().holders.map(\.label)) == ["sender", "receiver"])
        let spinsBefore = fixture.backoff.spinIterations
        runtime.run(for: .seconds(1))
        let perSecond = fixture.backoff.spinIterations - spinsBefore
        #expect(perSecond == 2 * Int(Duration.seconds(1) / Self.spinQuantum))
        #expect(channel.snapshot().reserved == 1)

        #expect(channel.clearWedge())
        runtime.run(for: .milliseconds(10))
        // The cleared slot still counts until the receiver skips it, so the spinning send looks
        // again at a full ring and answers full; the seven sent arrive in order.
        #expect(log.outcomes.withLock { $0 } == Array(repeating: .sent, count: 7) + [.full])
        #expect(log.values.withLock { $0 } == Array(1...8))
        #expect(fixture.workers.snapshot().held == 0)
        channel.checkInvariants()
        channel.close()
        runtime.runUntilIdle()
        #expect(log.done.isSet)
    }

    @Test func cancellingASpinnerEndsItsSpinAndReturnsItsWorker() {
        let fixture = Fixture(capacity: 4)
        let channel = fixture.channel
        let runtime = fixture.runtime
        #expect(channel.wedge())
        let sender = runtime.spawn("sender") {
            // Three sends fill the ring; the fourth wraps onto the wedged slot and spins.
            for value in 1...4 { _ = try? await channel.trySend(value, spinner: "sender") }
        }
        runtime.run(for: .seconds(1))
        #expect(fixture.workers.snapshot().held == 1)
        sender.cancel()
        runtime.run(for: .milliseconds(5))
        #expect(fixture.workers.snapshot().held == 0)
        #expect(runtime.liveTasks == 0)
    }

    /// On the real executor the reserve/commit window is real: concurrent senders and the
    /// receiver may briefly spin on each other's reservation, and still nothing is lost or
    /// reordered per sender.
    @Test func concurrentSendersLoseNothingOnTheRealExecutor() async throws {
        let runtime = LiveRuntime(seed: 1)
        let workers = AsyncSemaphore(name: "workers", permits: 2, timeSource: runtime.timeSource)
        let backoff = SpinBackoff(runtime: runtime, yield: .osYield, workers: workers)
        let channel = SpinChannel<Int>(name: "ring", capacity: 8, backoff: backoff, timeSource: runtime.timeSource)
        let senders = 4
        let perSender = 500
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in 0..<senders {
                group.addTask {
                    for index in 0..<perSender {
                        let outcome = try await channel.send(sender * perSender + index, spinner: "sender \(sender)")
                        #expect(outcome == .sent)
                    }
                }
            }
            var received: [Int] = []
            while received.count < senders * perSender, let value = try await channel.receive(spinner: "receiver") {
                received.append(value)
            }
            try await group.waitForAll()
            #expect(received.count == senders * perSender)
            for sender in 0..<senders {
                let mine = received.filter { $0 / perSender == sender }
                #expect(mine == Array(sender * perSender..<(sender + 1) * perSender))
            }
        }
        channel.checkInvariants()
        #expect(workers.snapshot().held == 0)
    }
}
