import Runtime

/// One line of the event log: what happened, where, at which virtual instant.
public struct EngineEvent: Sendable, Equatable, Codable {
    public enum Level: String, Sendable, Codable, Comparable {
        case info
        case warn
        case error

        public static func < (lhs: Level, rhs: Level) -> Bool {
            [Level.info, .warn, .error].firstIndex(of: lhs)! < [Level.info, .warn, .error].firstIndex(of: rhs)!
        }
    }

    /// Position in the log since the engine started (stable across a trimmed ring).
    public let sequence: Int
    public let at: RuntimeInstant
    public let level: Level
    public let subsystem: SubsystemID?
    public let message: String
}
