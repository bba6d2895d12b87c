/// Runs a variant the way tokio-bench runs its cases: a fixed number of operations, three times,
/// keeping the fastest repetition.
public enum BenchmarkRunner {
    public static let repetitions = 3

    /// The best time of `repetitions` runs of `ops` operations.
    public static func best(of variant: BenchmarkCase.Variant, ops: Int) async -> Duration {
        var best = await variant.run(ops)
        for _ in 1..<repetitions {
            best = min(best, await variant.run(ops))
        }
        return best
    }

    public static func nanosecondsPerOp(_ elapsed: Duration, ops: Int) -> Double {
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(ops)
    }
}
