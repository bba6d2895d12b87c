/// A value of one subsystem's that comes from outside the deterministic runtime (a real disk's
/// answer and timing): each subsystem that has one declares its type in its folder and names it
/// in its descriptor, so records store and read it without the engine knowing the subsystem.
public protocol OutsideValue: Sendable, Codable, Equatable {
    /// The subsystem that takes this value from outside.
    static var source: SubsystemID { get }
}

extension OutsideValue {
    func isEqual(to other: any OutsideValue) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
