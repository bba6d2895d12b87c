/// A subsystem config whose fields scenarios and `--set` write by key, through its schema.
public protocol ParameterSet: Sendable {
    static var parameters: ParameterSchema<Self> { get }
}

extension ParameterSet {
    /// The keys `set` accepts, in schema order.
    public static var settableKeys: [String] { parameters.keys }

    /// Sets one field from its text, as `--set subsystem.key=value` does; on an error nothing changes.
    public mutating func set(_ key: String, _ value: String) throws(ParameterError) {
        try Self.parameters.set(key, value, in: &self)
    }
}
