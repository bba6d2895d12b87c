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

    public var kind: ParameterKind { range.kind }

    init<Config>(_ parameter: Parameter<Config>, defaults: Config) {
        self.key = parameter.key
        self.defaultValue = parameter.value(in: defaults)
        self.range = parameter.range
        self.unit = parameter.unit
        self.doc = parameter.doc
    }
}
