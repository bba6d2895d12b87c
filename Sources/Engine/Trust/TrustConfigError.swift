/// A `TrustConfig.set` that could not be applied.
public enum TrustConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownKey(String, valid: [String])
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let valid): "unknown trust key '\(key)'; valid keys: \(valid.joined(separator: ", "))"
        case .badValue(let key, let value, let expected): "bad value '\(value)' for trust key '\(key)': expected \(expected)"
        }
    }
}
