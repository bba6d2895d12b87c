/// Counts, capacities and sizes: ASCII digits only. Total: no sign, exponent, fraction or
/// non-ASCII digit is read, and a number past `Int.max` is nil, never a trap.
public enum WholeNumberSyntax {
    public static func parse(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for character in text {
            guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = plus
        }
        return value
    }
}
