import Backpressure
import Runtime
import Testing

@Suite struct DeterministicRuntimeTests {
    @Test func virtualTimeAdvancesOnlyWhenNothingIsRunnable() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = Recorder<String>()
        runtime.spawn("sleeper") {
            try? await runtime.sleep(for: .seconds(1))
            log.append("woke at \(runtime.now)")
        }
        runtime.spawn("busy") {
            for _ in 0..<1_000 { await Task.yield() }
            log.append("busy done at \(runtime.now)")
        }
        runtime.runUntilIdle()
        #expect(runtime.now == .start)
        #expect(log.all == ["busy done at 00:00.0"])
        runtime.runUntilQuiescent()
        #expect(log.all == ["busy done at 00:00.0", "woke at 00:01.0"])
        #expect(runtime.liveTasks == 0)
    }

    @Test func timersFireInDeadlineOrderAndTiesInArmingOrder() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = Recorder<String>()
        for (name, delay) in [("c", 300), ("a", 100), ("b1", 200), ("b2", 200), ("b3", 200)] {
            runtime.spawn(name) {
                try? await runtime.sleep(for: .milliseconds(delay))
                log.append("\(name)@\(runtime.now.sinceStart)")
            }
        }
        runtime.run(for: .milliseconds(250))
        #expect(log.all == ["a@0.1 seconds", "b1@0.2 seconds", "b2@0.2 seconds", "b3@0.2 seconds"])
        #expect(runtime.now == RuntimeInstant(sinceStart: .milliseconds(250)))
        #expect(runtime.nextTimer == RuntimeInstant(sinceStart: .milliseconds(300)))
        #expect(runtime.step())
        #expect(log.count == 5)
        #expect(!runtime.step())
    }

    @Test func cancelledSleepEndsAtOnceWithoutMovingTime() {
        let runtime = DeterministicRuntime(seed: 1)
        let outcome = Recorder<String>()
        let sleeper = runtime.spawn("sleeper") {
            do {
                try await runtime.sleep(for: .seconds(3_600))
                outcome.append("slept")
            } catch {
                outcome.append("cancelled at \(runtime.now)")
            }
        }
        runtime.runUntilIdle()
        sleeper.cancel()
        runtime.runUntilIdle()
        #expect(outcome.all == ["cancelled at 00:00.0"])
        #expect(runtime.pendingTimers == 0)
        #expect(runtime.runUntilQuiescent())
        #expect(runtime.now == .start)
    }

    @Test func runUntilQuiescentStopsAtItsHorizonForEndlessLoops() {
        let runtime = DeterministicRuntime(seed: 1)
        let ticks = LockedState(0)
        runtime.spawn("ticker") {
            while (try? await runtime.sleep(for: .seconds(1))) != nil { ticks.withLock { $0 += 1 } }
        }
        #expect(!runtime.runUntilQuiescent(limit: .seconds(10)))
        #expect(ticks.withLock { $0 } == 10)
        #expect(runtime.now == RuntimeInstant(sinceStart: .seconds(10)))
    }

    @Test func runUntilConditionStopsAsSoonAsItHolds() {
        let runtime = DeterministicRuntime(seed: 1)
        let ticks = LockedState(0)
        runtime.spawn("ticker") {
            while (try? await runtime.sleep(for: .milliseconds(100))) != nil { ticks.withLock { $0 += 1 } }
        }
        #expect(runtime.run(until: { ticks.withLock { $0 } == 7 }, limit: .seconds(5)))
        #expect(runtime.now == RuntimeInstant(sinceStart: .milliseconds(700)))
        #expect(!runtime.run(until: { false }, limit: .seconds(1)))
        #expect(runtime.now == RuntimeInstant(sinceStart: .milliseconds(1_700)))
    }

    @Test func blockingWorkRunsOnARealThreadAndReturnsInSubmissionOrderWithoutTakingVirtualTime() {
        struct DiskFull: Error {}
        let runtime = DeterministicRuntime(seed: 1)
        let log = Recorder<String>()
        for index in 0..<5 {
            runtime.spawn("writer \(index)") {
                do {
                    let value = try await runtime.blocking("write") { () throws -> Int in
                        if index == 3 { throw DiskFull() }
                        return index * index
                    }
                    log.append("\(index) -> \(value)")
                } catch {
                    log.append("\(index) failed")
                }
            }
        }
        runtime.runUntilIdle()
        #expect(log.all == ["0 -> 0", "1 -> 1", "2 -> 4", "3 failed", "4 -> 16"])
        #expect(runtime.now == .start)
    }

    @Test func childTasksStayOnTheDeterministicExecutor() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = Recorder<Int>()
        runtime.spawn("parent") {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        try? await runtime.sleep(for: .milliseconds(10 * (3 - index)))
                        log.append(index)
                    }
                }
            }
        }
        // Nothing runs until the runtime is driven: the children did not escape to another
        // executor.
        #expect(log.all.isEmpty)
        runtime.runUntilQuiescent()
        #expect(log.all == [2, 1, 0])
    }

    @Test func instantsPrintAsMinutesSecondsAndTenths() {
        #expect(RuntimeInstant(sinceStart: .milliseconds(42_349)).description == "00:42.3")
        #expect(RuntimeInstant(sinceStart: .seconds(754)).description == "12:34.0")
    }
}
