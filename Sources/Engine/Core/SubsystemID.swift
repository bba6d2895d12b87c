/// A subsystem by its command-line name (`cold`, `relay`, ...).
///
/// Each subsystem folder declares its own (`extension SubsystemID { static let cold = ... }`)
/// and registers its descriptor in `SubsystemRegistry`; the registry's order is the order the
/// engine starts, reports and lists them in.
public struct SubsystemID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Declares a subsystem's name; only a subsystem's own folder does this.
    public init(declaring rawValue: String) {
        self.rawValue = rawValue
    }

    /// The registered subsystem with this name, or nil.
    public init?(rawValue: String) {
        guard let descriptor = SubsystemRegistry.all.first(where: { $0.id.rawValue == rawValue }) else { return nil }
        self = descriptor.id
    }

    /// Every registered subsystem, in registry order.
    public static var allCases: [SubsystemID] { SubsystemRegistry.all.map(\.id) }

    /// What the dashboard and the event log title the subsystem ("cold storage").
    public var title: String { SubsystemRegistry.descriptor(self).title }

    public var description: String { rawValue }

    public static func < (lhs: SubsystemID, rhs: SubsystemID) -> Bool {
        SubsystemRegistry.index(of: lhs) < SubsystemRegistry.index(of: rhs)
    }
}

extension SubsystemID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let id = SubsystemID(rawValue: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown subsystem '\(name)'")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
