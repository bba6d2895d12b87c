/// One line of the event log as the UI shows it: when, how serious, from which component, what.
/// A host maps its own events to these (the engine's `EngineEvent` in DashboardHost).
public struct EventLine: Equatable, Sendable {
    public enum Level: String, Equatable, Sendable {
        case info
        case warn
        case error
    }

    /// Position in the host's log since its run started (the detail overlay's "event #N").
    public var sequence: Int
    /// Virtual time since the run's start.
    public var at: Duration
    public var level: Level
    /// The component that logged it (`cold`, `relay`, ...); nil for the host itself.
    public var source: String?
    /// How the detail overlay names the source ("cold storage"); the source itself when nil.
    public var sourceTitle: String?
    public var text: String

    public init(
        sequence: Int = 0, at: Duration, level: Level, source: String?, sourceTitle: String? = nil, text: String
    ) {
        self.sequence = sequence
        self.at = at
        self.level = level
        self.source = source
        self.sourceTitle = sourceTitle
        self.text = text
    }
}
