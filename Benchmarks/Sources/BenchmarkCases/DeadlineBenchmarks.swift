import Backpressure

/// The timer case: `withDeadline` on a real clock around an operation that is ready at once, so
/// the deadline is armed and cancelled but never fires.
enum DeadlineBenchmarks {
    @Sendable static func ready(ops: Int) async -> Duration {
        let clock = ContinuousClock()
        var sum = 0
        let start = ContinuousClock.now
        for i in 0..<ops {
            sum &+= try! await withDeadline(.seconds(5), clock: clock) { i }
        }
        let elapsed = start.duration(to: .now)
        precondition(sum == expectedSum(ops), "an operation's result went missing")
        return elapsed
    }
}
