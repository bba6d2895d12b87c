import AsyncAlgorithms

/// The channel cases on swift-async-algorithms' `AsyncChannel`. It is a rendezvous (no buffer,
/// no try-operations), so only the two-task case applies.
enum AsyncChannelBenchmarks {
    /// A producer task `send`s `ops` values (each waits for the consumer), a consumer iterates.
    @Sendable static func sendNextTwoTasks(ops: Int) async -> Duration {
        let channel = AsyncChannel<Int>()
        let start = ContinuousClock.now
        let sum = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<ops { await channel.send(i) }
                channel.finish()
                return 0
            }
            group.addTask {
                var sum = 0
                for await value in channel { sum &+= value }
                return sum
            }
            return await group.reduce(0, &+)
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "elements lost or duplicated")
        return elapsed
    }
}
