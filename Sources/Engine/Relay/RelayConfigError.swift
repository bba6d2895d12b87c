/// A scenario asked `RelayConfig.set` for a knob that does not exist or gave it a bad value.
public enum RelayConfigError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String, valid: [String])
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let valid):
            "unknown relay key '\(key)'; valid keys: \(valid.joined(separator: ", "))"
        case .badValue(let key, let value, let expected):
            "bad value '\(value)' for relay key '\(key)': expected \(expected)"
        }
    }
}
