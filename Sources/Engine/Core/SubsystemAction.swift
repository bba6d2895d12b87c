/// What an operator key or a scenario timeline can do to one subsystem: each subsystem declares
/// its own vocabulary as an enum conforming to this, in its folder. The record format stores it
/// with the subsystem's name, and the registry decodes it again.
public protocol SubsystemAction: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The subsystem whose vocabulary this is.
    static var subsystem: SubsystemID { get }
}

extension SubsystemAction {
    /// Equality across the existential: the same type and the same value.
    func isEqual(to other: any SubsystemAction) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
