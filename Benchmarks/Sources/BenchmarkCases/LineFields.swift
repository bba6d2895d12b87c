/// The `key=value` words of a result line; other words are ignored.
func keyValueFields(_ line: String) -> [String: String] {
    var fields: [String: String] = [:]
    for word in line.split(separator: " ") {
        guard let equals = word.firstIndex(of: "=") else { continue }
        fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
    }
    return fields
}

/// `value` with exactly `digits` decimals (no Foundation in this module).
func fixedPoint(_ value: Double, digits: Int) -> String {
    precondition(digits > 0, "at least one decimal")
    var scale = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * Double(scale)).rounded())
    let fraction = String(scaled % scale)
    let padded = String(repeating: "0", count: digits - fraction.count) + fraction
    return (value < 0 ? "-" : "") + "\(scaled / scale).\(padded)"
}
