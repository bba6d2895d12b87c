import Runtime

/// A stall detected in a subsystem, with the blocker named: "writer drain blocked 7.3 s by
/// read #17 (streamLogs setup, backend latestBlock)".
public struct StallWarning: Sendable, Equatable, Codable {
    public let kind: StallKind
    public let subsystem: SubsystemID
    /// When the stalled condition began.
    public let since: RuntimeInstant
    /// One line for people, naming what blocks what.
    public let cause: String

    public init(kind: StallKind, subsystem: SubsystemID, since: RuntimeInstant, cause: String) {
        self.kind = kind
        self.subsystem = subsystem
        self.since = since
        self.cause = cause
    }
}
