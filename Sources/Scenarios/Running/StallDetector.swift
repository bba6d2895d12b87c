import Engine
import Runtime

/// Turns the engine's per-instant warnings into the run's findings: each distinct stall (by
/// kind and subsystem) once, with the instant it was first seen and its latest cause.
///
/// The same detector feeds the dashboard's warning count and the headless verdict.
public struct StallDetector: Sendable {
    private var findings: [String: StallWarning] = [:]
    private var order: [String] = []

    public init() {}

    public mutating func observe(_ warnings: [StallWarning]) {
        for warning in warnings {
            let key = "\(warning.subsystem.rawValue)/\(warning.kind)"
            if let first = findings[key] {
                // Keep the start of the stall, refresh the cause (the blocker's age grows).
                findings[key] = StallWarning(
                    kind: warning.kind, subsystem: warning.subsystem, since: min(first.since, warning.since),
                    cause: warning.cause)
            } else {
                findings[key] = warning
                order.append(key)
            }
        }
    }

    /// Every stall seen, in the order first seen.
    public var warnings: [StallWarning] { order.compactMap { findings[$0] } }
    public var verdict: Verdict { findings.isEmpty ? .healthy : .stall }
}
