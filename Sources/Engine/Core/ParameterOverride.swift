/// One `--set key=value` from the command line, such as `cold.readDeadline=200ms`.
public struct ParameterOverride: Sendable, Equatable, Codable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public static func parse(_ text: String) throws(UsageError) -> ParameterOverride {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw UsageError("malformed --set '\(text)': use key=value, like cold.readDeadline=200ms")
        }
        return ParameterOverride(key: parts[0], value: parts[1])
    }

    /// The key without its subsystem prefix when it names `subsystem` (`readDeadline` for
    /// `cold.readDeadline`), else nil.
    public func key(in subsystem: SubsystemID) -> String? {
        let prefix = "\(subsystem.rawValue)."
        return key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }
}
