/// A virtual instant in a record, exact to the attosecond: the runtime's instants carry random
/// fractions of a nanosecond, and a replay must act at the very same instant. Written as a
/// decimal string of seconds ("3.137", "0.053759971667189910") so a person can read it.
public struct RecordInstant: Sendable, Equatable, Comparable, Codable, CustomStringConvertible {
    static let fractionDigits = 18
    static let attosecondsPerSecond: Int64 = 1_000_000_000_000_000_000

    /// Since the start of the run.
    public let sinceStart: Duration

    public init(_ sinceStart: Duration) {
        precondition(sinceStart >= .zero, "a run's instants are not before its start")
        self.sinceStart = sinceStart
    }

    public static func < (lhs: RecordInstant, rhs: RecordInstant) -> Bool { lhs.sinceStart < rhs.sinceStart }

    public var description: String {
        let (seconds, attoseconds) = sinceStart.components
        guard attoseconds != 0 else { return "\(seconds)" }
        var fraction = String(attoseconds)
        fraction = String(repeating: "0", count: Self.fractionDigits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(seconds).\(fraction)"
    }

    /// Parses what `description` writes; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), let seconds = Int64(whole)
        else { return nil }
        var attoseconds: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= Self.fractionDigits, fraction.allSatisfy(\.isASCIIDigit) else {
                return nil
            }
            attoseconds = Int64(fraction + String(repeating: "0", count: Self.fractionDigits - fraction.count))!
        }
        self.init(Duration(secondsComponent: seconds, attosecondsComponent: attoseconds))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let instant = RecordInstant(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an instant: \(text)"))
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
