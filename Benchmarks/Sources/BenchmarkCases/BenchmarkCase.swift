/// One benchmark case under tokio-bench's name and op count, with the Swift implementations that
/// apply to it (tokio's runs in its own process).
public struct BenchmarkCase: Sendable {
    /// One implementation of the case. `run(ops)` performs `ops` operations and returns the time
    /// spent in the measured loop only (setup and teardown are outside the clock, as in
    /// tokio-bench).
    public struct Variant: Sendable {
        public let implementation: Implementation
        /// Peers that are orders of magnitude slower per operation run `ops / opsDivisor`
        /// operations so one repetition stays near a second; ns per op is unaffected.
        public let opsDivisor: Int
        public let run: @Sendable (Int) async -> Duration

        init(_ implementation: Implementation, opsDivisor: Int = 1, _ run: @escaping @Sendable (Int) async -> Duration)
        {
            self.implementation = implementation
            self.opsDivisor = opsDivisor
            self.run = run
        }
    }

    public let name: String
    /// tokio-bench's op count for this case.
    public let ops: Int
    /// Cases that split their operations between two tasks need an even count.
    public let opsMustBeEven: Bool
    public let variants: [Variant]
    /// Whether tokio-bench has a case of this name (the dashboard cases are ours alone).
    public let hasTokioPeer: Bool
    /// Operations of the smaller of the two allocation-counting runs: a case that costs
    /// milliseconds per operation counts over fewer; nil: not counted (the count would include
    /// work done off the clock between operations).
    public let allocationOps: Int?

    init(
        _ name: String, ops: Int, opsMustBeEven: Bool = false, hasTokioPeer: Bool = true, allocationOps: Int? = 20_000,
        _ variants: [Variant]
    ) {
        self.name = name
        self.ops = ops
        self.opsMustBeEven = opsMustBeEven
        self.hasTokioPeer = hasTokioPeer
        self.allocationOps = allocationOps
        self.variants = variants
    }

    /// The op count one variant runs when every count is divided by `quickDivisor` as well.
    public func ops(for variant: Variant, quickDivisor: Int = 1) -> Int {
        let scaled = max(ops / (variant.opsDivisor * quickDivisor), 2)
        return opsMustBeEven ? scaled - scaled % 2 : scaled
    }
}
