import Backpressure
import Runtime
import Synchronization
import Testing

/// The same seed replays the same run: every event at the same virtual instant, in the same
/// order, through semaphores, channels, gates, deadlines and cancellations.
@Suite struct DeterminismTests {
    /// A workload that exercises every primitive and every source of ordering in the runtime,
    /// and returns its trace.
    static func trace(seed: UInt64) -> [String] {
        let runtime = DeterministicRuntime(seed: seed)
        let log = Recorder<String>()
        let random = runtime.random.fork("workload")
        let permits = AsyncSemaphore(name: "permits", permits: 3, timeSource: runtime.timeSource)
        let (sender, receiver) = BoundedChannel<String>.make(name: "queue", capacity: 4)
        let gate = Gate(name: "gate", open: false)
        @Sendable func note(_ event: String) { log.append("\(runtime.now.sinceStart) \(event)") }

        for worker in 0..<8 {
            let handle = sender.clone()
            runtime.spawn("worker \(worker)") {
                for step in 0..<12 {
                    try? await runtime.sleep(for: random.exponential(mean: .milliseconds(20)))
                    do {
                        let held = try await withDeadline(.milliseconds(random.int(in: 5...60)), clock: runtime.clock) {
                            let permit = try await permits.acquireOwned(random.int(in: 1...2), label: "w\(worker)")
                            if random.chance(0.2) { try await gate.pass() }
                            try await runtime.sleep(for: .milliseconds(random.int(in: 1...15)))
                            return permit.permits
                        }
                        note("w\(worker) s\(step) held \(held)")
                    } catch {
                        note("w\(worker) s\(step) \(error is DeadlineExceeded ? "timeout" : "cancelled")")
                    }
                    switch handle.trySend("w\(worker)s\(step)") {
                    case .sent: note("w\(worker) sent")
                    case .full: note("w\(worker) full")
                    case .closed: note("w\(worker) closed")
                    }
                }
            }
        }
        runtime.spawn("consumer") {
            while let message = try? await receiver.receive() {
                note("got \(message)")
                try? await runtime.sleep(for: .milliseconds(random.int(in: 1...30)))
            }
        }
        runtime.spawn("gatekeeper") {
            while (try? await runtime.sleep(for: random.exponential(mean: .milliseconds(40)))) != nil {
                gate.admit(random.int(in: 1...3))
                if runtime.now > RuntimeInstant(sinceStart: .seconds(2)) {
                    gate.open()
                    return
                }
            }
        }
        runtime.runUntilQuiescent(limit: .seconds(60))
        permits.checkInvariants()
        return log.all
    }

    @Test func hundredSeedsEachReplayIdentically() {
        var distinct = Set<[String]>()
        for seed in UInt64(1)...100 {
            let first = Self.trace(seed: seed)
            let second = Self.trace(seed: seed)
            #expect(first == second, "seed \(seed) did not replay identically")
            #expect(first.count > 100, "seed \(seed) traced too little to be a meaningful check")
            distinct.insert(first)
        }
        // Different seeds really do drive different runs, so equality above is not vacuous.
        #expect(distinct.count == 100)
    }
}
