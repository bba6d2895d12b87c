/// A scenario asked for a listener setting that does not exist or cannot be parsed.
public enum ListenerConfigError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String, valid: [String])
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let valid):
            "unknown listener setting '\(key)'; valid keys: \(valid.joined(separator: ", "))"
        case .badValue(let key, let value, let expected):
            "bad value '\(value)' for listener setting '\(key)': expected \(expected)"
        }
    }
}
