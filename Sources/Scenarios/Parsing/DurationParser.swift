import Engine

/// Parses durations as people type them: `120s`, `2m`, `1m30s`, `500ms`, `1.5s`, `1h`.
public enum DurationParser {
    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("ms", 1e6), ("us", 1e3), ("ns", 1), ("h", 3_600e9), ("m", 60e9), ("s", 1e9),
    ]

    public static func parse(_ text: String) throws(UsageError) -> Duration {
        let malformed = UsageError("malformed duration '\(text)': use a number with a unit, like 120s, 2m, 1m30s or 500ms")
        var rest = Substring(text)
        guard !rest.isEmpty else { throw malformed }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw malformed }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { throw malformed }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.nanoseconds
        }
        guard total.isFinite, total < 1e18 else { throw malformed }
        return .nanoseconds(Int64(total.rounded()))
    }

    /// The shortest exact spelling: `2m`, `1m30s`, `500ms`, `1.5s`.
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        if nanoseconds % 60_000_000_000 == 0, nanoseconds >= 60_000_000_000 {
            return "\(nanoseconds / 60_000_000_000)m"
        }
        if nanoseconds % 1_000_000_000 == 0 {
            let seconds = nanoseconds / 1_000_000_000
            return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
        }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        return "\(nanoseconds)ns"
    }
}
