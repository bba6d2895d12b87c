/// One timing result, as printed by the benchmark and by tokio-bench:
/// `case=NAME impl=IMPL ns_per_op=X ops=N` (tokio-bench's lines have no `impl=` and put `ops=`
/// first; they are read as tokio's).
public struct ResultLine: Sendable, Equatable {
    public let caseName: String
    public let implementation: Implementation
    public let nanosecondsPerOp: Double
    public let ops: Int

    public init(caseName: String, implementation: Implementation, nanosecondsPerOp: Double, ops: Int) {
        self.caseName = caseName
        self.implementation = implementation
        self.nanosecondsPerOp = nanosecondsPerOp
        self.ops = ops
    }

    public init?(parsing line: String) {
        let fields = keyValueFields(line)
        guard let name = fields["case"], let nanoseconds = fields["ns_per_op"].flatMap(Double.init) else { return nil }
        guard let implementation = Implementation(rawValue: fields["impl"] ?? "tokio") else { return nil }
        self.init(
            caseName: name, implementation: implementation, nanosecondsPerOp: nanoseconds,
            ops: fields["ops"].flatMap(Int.init) ?? 0)
    }

    public var formatted: String {
        "case=\(caseName) impl=\(implementation.rawValue) ns_per_op=\(fixedPoint(nanosecondsPerOp, digits: 3)) ops=\(ops)"
    }
}
