/// A parameter's documented bounds, in its own kind. Every value inside is safe: it neither traps
/// nor corrupts memory, and a run costs at most a bounded multiple of the default's time and
/// memory.
public enum ParameterRange: Sendable, Equatable {
    /// `offAtZero`: zero is accepted below `range` and turns the behaviour off (no background
    /// connections, no writes, no arrivals), so it drives no loop however small the floor. A
    /// rate's floor exists because its mean gap `1/rate` becomes a `Duration`, which traps past
    /// `Int64` nanoseconds.
    case duration(ClosedRange<Duration>, offAtZero: Bool = false)
    case wholeNumber(ClosedRange<Int>)
    case rate(ClosedRange<Double>, offAtZero: Bool = false)

    public var kind: ParameterKind {
        switch self {
        case .duration: .duration
        case .wholeNumber: .wholeNumber
        case .rate: .rate
        }
    }

    /// `1ms...1h`, `0s or 10ms...24h`, `1...10000`, `0 or 0.001...10000`.
    public var description: String {
        switch self {
        case .duration(let range, let offAtZero):
            let bounds = "\(DurationSyntax.format(range.lowerBound))...\(DurationSyntax.format(range.upperBound))"
            return offAtZero ? "0s or \(bounds)" : bounds
        case .wholeNumber(let range): return "\(range.lowerBound)...\(range.upperBound)"
        case .rate(let range, let offAtZero):
            let bounds = "\(Self.spell(range.lowerBound))...\(Self.spell(range.upperBound))"
            return offAtZero ? "0 or \(bounds)" : bounds
        }
    }

    /// What a refused value is told: the range, and how to spell a value.
    var expected: String {
        switch kind {
        case .duration: "a duration in \(description) (units ns, us, ms, s, m, h; compounds like 1m30s)"
        case .wholeNumber: "a whole number in \(description)"
        case .rate: "a decimal in \(description)"
        }
    }

    static func spell(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
