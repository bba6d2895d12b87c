import Backpressure

/// Short, fixed-style numbers for panels: "4.1s", "230ms", "1.2k", "4.0x".
public enum Format {
    public static func duration(_ duration: Duration) -> String {
        let ns = duration.nanoseconds
        if ns < 0 { return "-" + Self.duration(.zero - duration) }
        if ns < 1_000 { return "\(ns)ns" }
        if ns < 1_000_000 { return "\(ns / 1_000)us" }
        if ns < 1_000_000_000 { return "\(ns / 1_000_000)ms" }
        if ns < 60_000_000_000 { return oneDecimal(Double(ns) / 1e9) + "s" }
        let seconds = ns / 1_000_000_000
        if seconds < 3_600 { return "\(seconds / 60)m\(pad2(seconds % 60))s" }
        return "\(seconds / 3_600)h\(pad2(seconds % 3_600 / 60))m"
    }

    /// Virtual time in the header, "01:12.5"; to the millisecond ("01:12.513") while paused,
    /// where `.` steps from one timer's instant to the next, often a few milliseconds apart.
    public static func virtualTime(_ sinceStart: Duration, milliseconds: Bool) -> String {
        clock(sinceStart, fractionDigits: milliseconds ? 3 : 1)
    }

    /// `mm:ss` and `fractionDigits` digits of the second of a time since the run's start.
    public static func clock(_ sinceStart: Duration, fractionDigits: Int) -> String {
        sinceStart.clock(fractionDigits: fractionDigits)
    }

    /// Text from outside (a file name, a theme's error) as the screen may show it: control
    /// characters, ESC first of all, become `\u{1b}`-style escapes instead of reaching the terminal.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Counts and byte sizes: 999, 1.2k, 253k, 4.5M.
    public static func count(_ value: Int) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        if magnitude < 1_000 { return "\(value)" }
        if magnitude < 10_000 { return sign + oneDecimal(Double(magnitude) / 1e3) + "k" }
        if magnitude < 1_000_000 { return sign + "\(magnitude / 1_000)k" }
        if magnitude < 10_000_000 { return sign + oneDecimal(Double(magnitude) / 1e6) + "M" }
        return sign + "\(magnitude / 1_000_000)M"
    }

    /// A per-second rate: "0", "0.5", "12", "1.2k".
    public static func rate(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0" }
        if value < 10 { return oneDecimal(value) }
        return count(Int(value.rounded()))
    }

    public static func speed(_ speed: Double) -> String {
        if speed >= 1, speed == speed.rounded() { return oneDecimal(speed) + "x" }
        if speed >= 1 { return oneDecimal(speed) + "x" }
        var text = String(Int((speed * 1000).rounded()))
        while text.count < 3 { text = "0" + text }
        while text.hasSuffix("0") { text.removeLast() }
        return "0.\(text)x"
    }

    /// Seconds as a Double, for rates.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
