/// Something that happened at an instant of the run, marked on the timeline strip: where `{`
/// and `}` jump to.
public struct TimelineMark: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        /// A stall warning began (the instant the detector dates it from).
        case warning
        /// A fault of the scenario's timeline was injected.
        case fault
        /// The operator pressed a fault key.
        case key
    }

    /// Virtual time since the run's start.
    public var at: Duration
    public var kind: Kind
    /// What happened, for people ("cold: inject 1 stuck reader").
    public var label: String

    public init(at: Duration, kind: Kind, label: String) {
        self.at = at
        self.kind = kind
        self.label = label
    }
}
