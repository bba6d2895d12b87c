import BenchmarkCases
import MallocInterposerSwift

// stallscope-allocs [case ...]: malloc calls per operation for every case and implementation.
// Run with the interposer preloaded (LD_PRELOAD=.build/release/libMallocInterposerSwift.so),
// otherwise nothing is counted.

/// Counts the mallocs of `ops` operations, setup and teardown included.
func mallocs(_ variant: BenchmarkCase.Variant, ops: Int) async -> Int {
    MallocInterposerSwift.initialize()
    MallocInterposerSwift.hook()
    _ = await variant.run(ops)
    MallocInterposerSwift.unhook()
    return MallocInterposerSwift.getStatistics().mallocCount
}

let names = Array(CommandLine.arguments.dropFirst())
for benchmark in BenchmarkCatalog.cases where names.isEmpty || names.contains(benchmark.name) {
    guard let allocationOps = benchmark.allocationOps else { continue }
    for variant in benchmark.variants {
        // The difference between a run of 2n and a run of n operations (n = the case's
        // allocationOps) cancels the setup (the primitive, the task group) and leaves what the
        // operations themselves allocate.
        let ops = allocationOps - allocationOps % 2
        _ = await variant.run(ops)  // warm-up: lazy runtime and buffer allocations
        let small = await mallocs(variant, ops: ops)
        let large = await mallocs(variant, ops: 2 * ops)
        let line = AllocationLine(
            caseName: benchmark.name, implementation: variant.implementation,
            allocationsPerOp: Double(max(large - small, 0)) / Double(ops))
        print(line.formatted)
    }
}
