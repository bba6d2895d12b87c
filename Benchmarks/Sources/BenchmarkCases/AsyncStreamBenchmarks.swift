/// The channel cases on the standard library's `AsyncStream`, where an equivalent exists.
enum AsyncStreamBenchmarks {
    /// Buffer of 1024, one task: `yield` then `next()` (the element is already buffered).
    @Sendable static func yieldNext(ops: Int) async -> Duration {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingOldest(1024))
        var iterator = stream.makeAsyncIterator()
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            guard case .enqueued = continuation.yield(i) else { preconditionFailure("yield did not enqueue") }
            sum &+= await iterator.next()!
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "elements lost or duplicated")
        return elapsed
    }

    /// A producer task yields `ops` values, a consumer task iterates them. AsyncStream has no
    /// backpressure (the producer never waits), so the buffer is unbounded here.
    @Sendable static func yieldNextTwoTasks(ops: Int) async -> Duration {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .unbounded)
        let start = ContinuousClock.now
        let sum = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<ops { continuation.yield(i) }
                continuation.finish()
                return 0
            }
            group.addTask {
                var sum = 0
                for await value in stream { sum &+= value }
                return sum
            }
            return await group.reduce(0, &+)
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "elements lost or duplicated")
        return elapsed
    }

    /// Buffer of 4, already full: every `yield` answers `.dropped` (AsyncStream's rejection when
    /// full under `.bufferingOldest`).
    @Sendable static func yieldDropped(ops: Int) async -> Duration {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingOldest(4))
        for i in 0..<4 { continuation.yield(i) }
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            guard case .dropped(let value) = continuation.yield(i) else { preconditionFailure("expected .dropped") }
            sum &+= value
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "the dropped element did not come back")
        withExtendedLifetime(stream) {}
        return elapsed
    }
}
