/// A stable machine name for a kind of stall ("writer-drain-blocked", "listener-blocked"), as
/// reports and records spell it.
///
/// Each subsystem declares its kinds in its folder (`extension StallKind { static let ... }`)
/// and lists them in its descriptor, so a report consumer can enumerate them and no detector
/// spells one by hand.
public struct StallKind: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
