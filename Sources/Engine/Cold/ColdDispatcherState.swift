/// What the read dispatcher is doing: the `tasktracker` deadlock shows as `parkedOnTracker`.
public enum ColdDispatcherState: Sendable, Equatable, Codable {
    case idle
    case waitingForRequest
    /// The `semaphore` step's read arm, acquiring a permit for the next read.
    case acquiringPermit
    /// The `tasktracker` step's read arm waiting for the tracker, which only resolves once
    /// closed and empty: `inFlight` reads were running when it parked.
    case parkedOnTracker(inFlight: Int)
    /// The single loop of the first two steps is busy with a write.
    case servingWrite
    case stopped
}
