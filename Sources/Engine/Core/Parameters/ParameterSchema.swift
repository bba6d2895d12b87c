/// Every `--set` key of one subsystem's config, in the order `--keys` lists them.
public struct ParameterSchema<Config>: Sendable {
    /// The subsystem, as the keys' prefix (`cold`) and in error messages.
    public let subsystem: String
    public let parameters: [Parameter<Config>]
    /// A rule between keys that no single range can state; nil when `config` keeps it, else
    /// what it requires.
    private let invariant: @Sendable (Config) -> String?

    public init(
        _ subsystem: String, _ parameters: [Parameter<Config>],
        invariant: @escaping @Sendable (Config) -> String? = { _ in nil }
    ) {
        self.subsystem = subsystem
        self.parameters = parameters
        self.invariant = invariant
    }

    public var keys: [String] { parameters.map(\.key) }

    public func parameter(_ key: String) -> Parameter<Config>? { parameters.first { $0.key == key } }

    /// Sets `key` from `text`; on an error `config` is unchanged.
    public func set(_ key: String, _ text: String, in config: inout Config) throws(ParameterError) {
        guard let parameter = parameter(key) else {
            throw ParameterError(
                key: "\(subsystem).\(key)", value: text,
                expected: "a key of \(subsystem); valid keys: \(keys.joined(separator: ", "))")
        }
        var updated = config
        do {
            try parameter.set(text, in: &updated)
        } catch {
            throw ParameterError(key: "\(subsystem).\(key)", value: text, expected: error.expected)
        }
        if let rule = invariant(updated) {
            throw ParameterError(key: "\(subsystem).\(key)", value: text, expected: rule)
        }
        config = updated
    }
}
