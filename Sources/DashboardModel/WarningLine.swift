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

    public init(kind: String, source: String, sourceTitle: String? = nil, since: Duration, cause: String) {
        self.kind = kind
        self.source = source
        self.sourceTitle = sourceTitle
        self.since = since
        self.cause = cause
    }
}
