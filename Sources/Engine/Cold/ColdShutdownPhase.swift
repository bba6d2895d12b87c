/// Where the task is in its life.
public enum ColdShutdownPhase: String, Sendable, Equatable, Codable {
    case notStarted
    case running
    /// Cancelled, not yet exited: a shutdown that stays here is a hung shutdown.
    case shuttingDown
    case terminated
}
