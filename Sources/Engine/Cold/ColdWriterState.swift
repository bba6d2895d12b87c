/// The writer's drain state machine as the writer panel shows it.
public enum ColdWriterState: Sendable, Equatable, Codable {
    /// Not running (before start, or after the task exited).
    case idle
    /// Parked on the write channel.
    case waitingForWrite
    /// Draining the readers before a write: `collected` of `required` permits gathered (for the
    /// `tasktracker` step: reads finished of those in flight when the drain began).
    case draining(collected: Int, required: Int)
    case writing(String)
    /// The writer stopped on shutdown.
    case cancelled
}
