/// A `--set` key that does not exist, or a value its parameter refuses: malformed, out of its
/// documented range, or breaking an invariant between two keys. One line, naming the key, the
/// value and what would be right.
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let key: String
    public let value: String
    /// What the key accepts: its range and units, or the valid keys when `key` is unknown.
    public let expected: String

    public init(key: String, value: String, expected: String) {
        self.key = key
        self.value = value
        self.expected = expected
    }

    public var description: String { "'\(value)' for \(key): expected \(expected)" }
}
