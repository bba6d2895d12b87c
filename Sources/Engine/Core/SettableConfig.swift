/// A subsystem's configuration as a run's parameters set it: the keys it accepts and how to set
/// one from its text (`readDeadline`, `200ms`).
public protocol SettableConfig: Sendable {
    static var settableKeys: [String] { get }
    mutating func set(_ key: String, _ value: String) throws
}
