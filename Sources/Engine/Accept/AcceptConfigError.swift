/// A scenario set an accept-loop knob that does not exist or to a value it cannot take.
public enum AcceptConfigError: Error, Equatable, CustomStringConvertible {
    case unknownKey(key: String, valid: [String])
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let valid):
            "unknown accept setting '\(key)'; valid keys: \(valid.joined(separator: ", "))"
        case .badValue(let key, let value, let expected):
            "accept setting '\(key)': '\(value)' is not \(expected)"
        }
    }
}
