import BenchmarkCases

/// Every timing and allocation count of one `make bench` run, looked up by case and
/// implementation.
struct BenchmarkResults {
    private var nanoseconds: [String: Double] = [:]
    private var allocations: [String: Double] = [:]

    init(timings: [ResultLine], allocations allocationLines: [AllocationLine]) {
        // A later line for the same case and implementation replaces an earlier one.
        for line in timings { nanoseconds[Self.key(line.caseName, line.implementation)] = line.nanosecondsPerOp }
        for line in allocationLines {
            allocations[Self.key(line.caseName, line.implementation)] = line.allocationsPerOp
        }
    }

    func nanosecondsPerOp(_ caseName: String, _ implementation: Implementation) -> Double? {
        nanoseconds[Self.key(caseName, implementation)]
    }

    func allocationsPerOp(_ caseName: String, _ implementation: Implementation) -> Double? {
        allocations[Self.key(caseName, implementation)]
    }

    var hasAllocations: Bool { !allocations.isEmpty }

    /// `numerator / denominator` of two implementations' ns per op on one case, if both ran.
    func ratio(_ caseName: String, _ numerator: Implementation, over denominator: Implementation) -> Double? {
        guard let top = nanosecondsPerOp(caseName, numerator), let bottom = nanosecondsPerOp(caseName, denominator),
            bottom > 0
        else { return nil }
        return top / bottom
    }

    private static func key(_ caseName: String, _ implementation: Implementation) -> String {
        "\(caseName)/\(implementation.rawValue)"
    }
}
