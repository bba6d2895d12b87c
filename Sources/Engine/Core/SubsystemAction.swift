import Runtime

/// What an operator key or a scenario timeline can do to one subsystem: each subsystem declares
/// its own vocabulary as an enum conforming to this, in its folder. The record format stores it
/// with the subsystem's name, and the registry decodes it again.
public protocol SubsystemAction: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The subsystem's configuration, which says how long some faults last (`effect(in:)`).
    associatedtype Config: ParameterSet

    /// The subsystem whose vocabulary this is.
    static var subsystem: SubsystemID { get }

    /// What in this action lies outside its documented bounds ("hop 0 outside 1...100"), or nil.
    /// A record file's actions come from outside: one out of bounds is refused as a bad line
    /// before anything runs, never carried out.
    var boundsViolation: String? { get }

    /// One action drawn at random within the documented bounds, for `stallscope explore`.
    static func drawn(using random: inout Xoshiro256) -> Self

    /// Simpler versions of this action (fewer, shorter, smaller), simplest first, for shrinking
    /// a finding to its smallest reproduction; empty when there is none.
    var simpler: [Self] { get }

    /// What this action does by itself to a design that copes with it, under `config`: the
    /// explorer's yardstick for a stall that only lasts as long as its fault (`FaultEffect`).
    func effect(in config: Config) -> FaultEffect

    /// Whether this action ends `earlier` (a backend unhung, a disk latency replaced).
    func ends(_ earlier: Self) -> Bool
}

extension SubsystemAction {
    public func effect(in config: Config) -> FaultEffect { .none }
    public func ends(_ earlier: Self) -> Bool { false }
}

extension SubsystemAction {
    /// `name value outside range`, when it is.
    public static func outside<Value: Comparable>(
        _ name: String, _ value: Value, _ range: ClosedRange<Value>
    ) -> String? {
        range.contains(value) ? nil : "\(name) \(value) outside \(range.lowerBound)...\(range.upperBound)"
    }
}

extension SubsystemAction {
    /// Equality across the existential: the same type and the same value.
    func isEqual(to other: any SubsystemAction) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}
