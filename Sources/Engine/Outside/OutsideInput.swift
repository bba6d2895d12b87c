/// A value a run took from outside its deterministic runtime: what a replay must be handed back,
/// since the outside (a real disk) will not answer the same way twice.
public struct OutsideInput: Sendable, Equatable {
    /// The subsystem that took it.
    public let source: SubsystemID
    public let value: any OutsideValue

    public init<Value: OutsideValue>(_ value: Value) {
        self.source = Value.source
        self.value = value
    }

    /// The value, when it is a `Value`.
    public func value<Value: OutsideValue>(as type: Value.Type) -> Value? {
        value as? Value
    }

    public static func == (lhs: OutsideInput, rhs: OutsideInput) -> Bool {
        lhs.source == rhs.source && lhs.value.isEqual(to: rhs.value)
    }
}

extension OutsideInput: Codable {
    private enum CodingKeys: String, CodingKey {
        case source
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let source = try container.decode(SubsystemID.self, forKey: .source)
        guard let type = SubsystemRegistry.descriptor(source).outsideValueType else {
            throw DecodingError.dataCorruptedError(
                forKey: .source, in: container, debugDescription: "\(source) takes no input from outside")
        }
        self = OutsideInput(try Self.decode(type, from: container))
    }

    private static func decode<Value: OutsideValue>(
        _ type: Value.Type, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Value {
        try container.decode(type, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        let value: any Encodable = value
        try container.encode(value, forKey: .value)
    }
}
