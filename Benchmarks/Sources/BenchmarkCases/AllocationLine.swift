/// Allocations per operation of one case and implementation:
/// `allocs case=NAME impl=IMPL allocs_per_op=X`.
public struct AllocationLine: Sendable, Equatable {
    public let caseName: String
    public let implementation: Implementation
    public let allocationsPerOp: Double

    public init(caseName: String, implementation: Implementation, allocationsPerOp: Double) {
        self.caseName = caseName
        self.implementation = implementation
        self.allocationsPerOp = allocationsPerOp
    }

    public init?(parsing line: String) {
        guard line.hasPrefix("allocs ") else { return nil }
        let fields = keyValueFields(line)
        guard let name = fields["case"], let implementation = fields["impl"].flatMap(Implementation.init(rawValue:)),
            let perOp = fields["allocs_per_op"].flatMap(Double.init)
        else { return nil }
        self.init(caseName: name, implementation: implementation, allocationsPerOp: perOp)
    }

    public var formatted: String {
        "allocs case=\(caseName) impl=\(implementation.rawValue) allocs_per_op=\(fixedPoint(allocationsPerOp, digits: 3))"
    }
}
