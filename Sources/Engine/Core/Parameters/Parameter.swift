/// One `--set` key of a subsystem: its name (a CLI contract), a one-line doc, its unit, its
/// documented range and the field it writes.
public struct Parameter<Config>: Sendable {
    public let key: String
    public let doc: String
    /// What one of it counts (`permits`, `bytes`); for durations the units the text takes.
    public let unit: String
    public let range: ParameterRange
    /// A measure of how much work the node carries (peers, streams, arrivals per second), as
    /// opposed to a bound or a timing: what `--scale N` multiplies. Declared with `.load`.
    public private(set) var isLoad = false
    private let write: @Sendable (inout Config, String) -> Bool
    private let read: @Sendable (Config) -> String

    public var kind: ParameterKind { range.kind }

    /// The field's value in `config`, spelled as `set` takes it.
    public func value(in config: Config) -> String { read(config) }

    /// Writes the field when `text` parses and lies inside the range; otherwise leaves `config` alone.
    public func set(_ text: String, in config: inout Config) throws(ParameterError) {
        guard write(&config, text) else { throw ParameterError(key: key, value: text, expected: range.expected) }
    }

    /// This parameter, marked as a load parameter (`isLoad`): a whole number or a rate whose
    /// range reaches at least 100x its default.
    public var load: Parameter {
        precondition(kind != .duration, "a load parameter is a count or a rate")
        var marked = self
        marked.isLoad = true
        return marked
    }

    public static func duration(
        _ key: String, _ field: WritableKeyPath<Config, Duration> & Sendable, _ bounds: ClosedRange<Duration>,
        offAtZero: Bool = false, _ doc: String
    ) -> Parameter {
        Parameter(
            key: key, doc: doc, unit: "ns, us, ms, s, m, h", range: .duration(bounds, offAtZero: offAtZero),
            write: { config, text in
                guard let value = DurationSyntax.parse(text), bounds.contains(value) || (offAtZero && value == .zero)
                else { return false }
                config[keyPath: field] = value
                return true
            },
            read: { DurationSyntax.format($0[keyPath: field]) })
    }

    public static func wholeNumber(
        _ key: String, _ field: WritableKeyPath<Config, Int> & Sendable, _ bounds: ClosedRange<Int>, unit: String,
        _ doc: String
    ) -> Parameter {
        Parameter(
            key: key, doc: doc, unit: unit, range: .wholeNumber(bounds),
            write: { config, text in
                guard let value = WholeNumberSyntax.parse(text), bounds.contains(value) else { return false }
                config[keyPath: field] = value
                return true
            },
            read: { String($0[keyPath: field]) })
    }

    public static func rate(
        _ key: String, _ field: WritableKeyPath<Config, Double> & Sendable, _ bounds: ClosedRange<Double>,
        offAtZero: Bool = false, unit: String, _ doc: String
    ) -> Parameter {
        Parameter(
            key: key, doc: doc, unit: unit, range: .rate(bounds, offAtZero: offAtZero),
            write: { config, text in
                guard let value = RateSyntax.parse(text), bounds.contains(value) || (offAtZero && value == 0)
                else { return false }
                config[keyPath: field] = value
                return true
            },
            read: { ParameterRange.spell($0[keyPath: field]) })
    }
}
