import Foundation
import Runtime

/// The draws the explorer's action vocabularies are made of. Values that cause stalls are
/// usually small (one stuck reader, a short flood, a hop near the source) while the documented
/// bounds reach far (10,000 readers): draws are log-uniform, so every order of magnitude within
/// the bounds is as likely as the next.
extension Xoshiro256 {
    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// A whole number in `range`, log-uniform (a range from 0 draws 0 as often as 1).
    public mutating func logUniform(_ range: ClosedRange<Int>) -> Int {
        precondition(range.lowerBound >= 0, "log-uniform draws are of counts and lengths")
        let logs = log(Double(range.lowerBound + 1))...log(Double(range.upperBound) + 1)
        let value = Int(exp(Double.random(in: logs, using: &self))) - 1
        return min(max(value, range.lowerBound), range.upperBound)
    }

    /// A duration in `range`, log-uniform in whole milliseconds.
    public mutating func logUniform(_ range: ClosedRange<Duration>) -> Duration {
        let milliseconds = { (duration: Duration) in Int(duration / .milliseconds(1)) }
        let drawn = Duration.milliseconds(logUniform(milliseconds(range.lowerBound)...milliseconds(range.upperBound)))
        return min(max(drawn, range.lowerBound), range.upperBound)
    }
}

/// Simpler values, for shrinking a finding: the simplest first, then halfway to it.
public enum Simpler {
    public static func values<Value: Comparable & AdditiveArithmetic>(
        _ value: Value, toward simplest: Value, half: (Value) -> Value
    ) -> [Value] {
        guard value > simplest else { return [] }
        let halfway = simplest + half(value - simplest)
        return halfway > simplest && halfway < value ? [simplest, halfway] : [simplest]
    }

    public static func counts(_ value: Int, toward simplest: Int) -> [Int] {
        values(value, toward: simplest) { $0 / 2 }
    }

    public static func durations(_ value: Duration, toward simplest: Duration) -> [Duration] {
        values(value, toward: simplest) { $0 / 2 }
    }
}
