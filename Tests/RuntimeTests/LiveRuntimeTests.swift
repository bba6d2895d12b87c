import Backpressure
import Runtime
import Testing

@Suite struct LiveRuntimeTests {
    @Test func runsTasksOnTheRealExecutorWithTheWallClock() async throws {
        let runtime = LiveRuntime(seed: 1)
        let before = runtime.now
        let done = LockedState(0)
        var tasks: [RuntimeTask] = []
        for _ in 0..<100 {
            tasks.append(
                runtime.spawn("worker") {
                    try? await runtime.sleep(for: .milliseconds(5))
                    done.withLock { $0 += 1 }
                })
        }
        for task in tasks { await task.join() }
        #expect(done.withLock { $0 } == 100)
        #expect(before.duration(to: runtime.now) >= .milliseconds(5))
        #expect(try await runtime.blocking("square") { 12 * 12 } == 144)
    }
}
