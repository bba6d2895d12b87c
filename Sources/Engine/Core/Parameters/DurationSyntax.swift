/// Durations as people type them, the same for `--duration` and every `--set` key: a number and
/// a unit (`ns`, `us`, `ms`, `s`, `m`, `h`), decimals (`1.5s`) and compounds with the units
/// largest first (`1m30s`, `1h2m3s`, `2s500ms`).
///
/// Total: any text gives a duration or nil, never a trap. The arithmetic is exact integer
/// nanoseconds with overflow checks, so `1e12h` or `99999999999h` is refused before anything is
/// converted to `Int64`, and `0.1s` is exactly 100 ms.
public enum DurationSyntax {
    /// Every unit, each with its length in nanoseconds; the order is the order a compound needs.
    public static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000),
        ("ns", 1),
    ]
    /// `µs` is read as `us`: the accept path took it before the schema.
    private static let aliases: [(suffix: String, nanoseconds: Int64)] = [("µs", 1_000)]
    /// Fraction digits beyond this cannot change a nanosecond count of the longest unit (an hour
    /// is 3.6e12 ns), and fewer keep `10^digits` inside `Int64`.
    private static let maximumFractionDigits = 18

    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        var previousUnit = Int64.max
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fraction = Substring()
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fraction.count)
                guard !fraction.isEmpty else { return nil }
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            // "ms" before "m": the longest suffix that matches wins.
            let candidates = (units + aliases).filter { rest.hasPrefix($0.suffix) }
            guard let unit = candidates.max(by: { $0.suffix.count < $1.suffix.count }),
                unit.nanoseconds < previousUnit
            else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            previousUnit = unit.nanoseconds
            guard let part = nanoseconds(whole: whole, fraction: fraction, unit: unit.nanoseconds) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(part)
            guard !overflow else { return nil }
            total = sum
        }
        return .nanoseconds(total)
    }

    /// `whole.fraction` units in nanoseconds, rounded half up; nil when it does not fit `Int64`.
    private static func nanoseconds(whole: Substring, fraction: Substring, unit: Int64) -> Int64? {
        var wholeValue: Int64 = 0
        for digit in whole {
            let (times, overflow1) = wholeValue.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int64(digit.asciiValue! - 48))
            guard !overflow1, !overflow2 else { return nil }
            wholeValue = plus
        }
        let (wholeNanoseconds, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        var numerator: Int64 = 0
        var denominator: Int64 = 1
        for digit in fraction.prefix(maximumFractionDigits) {
            numerator = numerator * 10 + Int64(digit.asciiValue! - 48)
            denominator *= 10
        }
        // numerator < denominator, so the quotient is below `unit` and always fits.
        let (quotient, remainder) = denominator.dividingFullWidth(numerator.multipliedFullWidth(by: unit))
        let rounded = quotient + (remainder.magnitude * 2 >= denominator.magnitude ? 1 : 0)
        let (total, overflowTotal) = wholeNanoseconds.addingReportingOverflow(rounded)
        return overflowTotal ? nil : total
    }

    /// The shortest exact spelling: `24h`, `2m`, `1m30s`, `500ms`, `1500ms`, `250us`, `7ns`.
    public static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        if nanoseconds % 3_600_000_000_000 == 0, nanoseconds >= 3_600_000_000_000 {
            return "\(nanoseconds / 3_600_000_000_000)h"
        }
        if nanoseconds % 60_000_000_000 == 0, nanoseconds >= 60_000_000_000 {
            return "\(nanoseconds / 60_000_000_000)m"
        }
        if nanoseconds % 1_000_000_000 == 0 {
            let seconds = nanoseconds / 1_000_000_000
            return seconds >= 60 ? "\(seconds / 60)m\(seconds % 60)s" : "\(seconds)s"
        }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)us" }
        return "\(nanoseconds)ns"
    }
}
