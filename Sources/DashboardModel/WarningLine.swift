/// An active stall warning as the UI shows it, above the event log. A host maps its own
/// warnings to these (the engine's `StallWarning` in DashboardHost).
public struct WarningLine: Equatable, Sendable {
    /// A stable machine name for the stall ("writer-drain-blocked").
    public var kind: String
    /// The component that stalls (`cold`, `relay`, ...).
    public var source: String
    /// How the detail overlay names the source ("cold storage"); the source itself when nil.
    public var sourceTitle: String?
    /// When the stalled condition began, as virtual time since the run's start.
    public var since: Duration
    /// One line for people, naming what blocks what.
    public var cause: String
    /// A generic detector's finding over primitive snapshots (`StallDetection`), not a
    /// subsystem's own detector: a hint the panel marks as such, never part of a verdict.
    public var isGeneric: Bool

    public init(
        kind: String, source: String, sourceTitle: String? = nil, since: Duration, cause: String,
        isGeneric: Bool = false
    ) {
        self.kind = kind
        self.source = source
        self.sourceTitle = sourceTitle
        self.since = since
        self.cause = cause
        self.isGeneric = isGeneric
    }
}
