/// A scenario set an unknown key or an unreadable value.
public struct ColdConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
}
