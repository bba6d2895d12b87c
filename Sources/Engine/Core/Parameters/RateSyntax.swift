/// Rates and chances: a non-negative finite decimal (`0.25`, `20`, `1e3`). Total: `nan`, `inf`,
/// a sign (`-0` included), non-ASCII digits and anything past `Double`'s range are nil.
public enum RateSyntax {
    public static func parse(_ text: String) -> Double? {
        guard let first = text.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard
            text.allSatisfy({
                $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+")
            })
        else { return nil }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}
