import Backpressure

/// The mpsc cases on `BoundedChannel`, mirroring tokio-bench's loops.
enum ChannelBenchmarks {
    /// Capacity 1024, one task: `trySend` then `tryReceive` (never suspends).
    @Sendable static func trySendReceive(ops: Int) async -> Duration {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "bench", capacity: 1024)
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            guard case .sent = sender.trySend(i) else { preconditionFailure("trySend did not send") }
            guard case .element(let value) = receiver.tryReceive() else { preconditionFailure("nothing received") }
            sum &+= value
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "messages lost or duplicated")
        return elapsed
    }

    /// Capacity 256; a producer task `send`s `ops` values and a consumer task `receive`s them.
    @Sendable static func sendReceiveTwoTasks(ops: Int) async -> Duration {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "bench", capacity: 256)
        let start = ContinuousClock.now
        let sum = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<ops { try! await sender.send(i) }
                return 0
            }
            group.addTask {
                var sum = 0
                for _ in 0..<ops { sum &+= try! await receiver.receive()! }
                return sum
            }
            return await group.reduce(0, &+)
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "messages lost or duplicated")
        return elapsed
    }

    /// Capacity 4, already full: every `trySend` answers `.full` at once (the never-blocking
    /// rejection path of the forwarding incidents).
    @Sendable static func trySendFull(ops: Int) async -> Duration {
        let (sender, receiver) = BoundedChannel<Int>.make(name: "bench", capacity: 4)
        for i in 0..<4 {
            guard case .sent = sender.trySend(i) else { preconditionFailure("could not fill the channel") }
        }
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            guard case .full(let value) = sender.trySend(i) else { preconditionFailure("expected .full") }
            sum &+= value
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "the rejected element did not come back")
        precondition(sender.snapshot().fullRejections == ops, "every rejection is counted")
        // The receiver stays alive (idle) until here, so the answer is .full, not .closed.
        withExtendedLifetime(receiver) {}
        return elapsed
    }
}
