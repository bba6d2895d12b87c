/// One `--set` key as a subsystem's descriptor lists it, whatever the config type: what
/// `scenarios --keys` prints and what an explorer may draw values from.
public struct ParameterInfo: Sendable {
    public let key: String
    /// The default value, spelled as `--set` takes it.
    public let defaultValue: String
    public let range: ParameterRange
    /// What one of it counts (`permits`, `bytes`); for durations the units the text takes.
    public let unit: String
    public let doc: String
    /// Whether `--scale` multiplies it (`Parameter.isLoad`).
    public let isLoad: Bool

    public var kind: ParameterKind { range.kind }

    init<Config>(_ parameter: Parameter<Config>, defaults: Config) {
        self.key = parameter.key
        self.defaultValue = parameter.value(in: defaults)
        self.range = parameter.range
        self.unit = parameter.unit
        self.doc = parameter.doc
        self.isLoad = parameter.isLoad
    }

    /// `value` (spelled as `--set` takes it) times `factor`, kept inside the range and spelled
    /// the same way; nil unless this is a load parameter and `value` parses.
    public func scaled(_ value: String, by factor: Int) -> String? {
        guard isLoad else { return nil }
        switch range {
        case .wholeNumber(let bounds):
            guard let number = WholeNumberSyntax.parse(value) else { return nil }
            let (product, overflow) = number.multipliedReportingOverflow(by: factor)
            return String(
                overflow ? bounds.upperBound : Swift.min(Swift.max(product, bounds.lowerBound), bounds.upperBound))
        case .rate(let bounds, let offAtZero):
            guard let rate = RateSyntax.parse(value) else { return nil }
            let product = rate * Double(factor)
            if offAtZero && product == 0 { return ParameterRange.spell(0) }
            return ParameterRange.spell(Swift.min(Swift.max(product, bounds.lowerBound), bounds.upperBound))
        case .duration:
            return nil
        }
    }
}
