import Engine

/// A warning as the run report prints it: `at` is the virtual second the stall began.
public struct WarningRecord: Sendable, Equatable, Codable {
    public let kind: StallKind
    public let subsystem: String
    public let at: Double
    public let cause: String

    public init(_ warning: StallWarning) {
        kind = warning.kind
        subsystem = warning.subsystem.rawValue
        at = warning.since.sinceStart.seconds
        cause = warning.cause
    }
}
