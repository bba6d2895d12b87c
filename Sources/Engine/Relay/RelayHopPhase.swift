import Runtime

/// What the relay at a hop is doing for one stream, so a stall can name its blocker.
enum RelayHopPhase: Sendable, Equatable {
    /// No relay task yet (the stream has not reached the hop).
    case idle
    /// Parked waiting for the next fragment since the instant; `until` is when an armed
    /// inactivity timer ends the wait, nil when nothing will.
    case waiting(since: RuntimeInstant, until: RuntimeInstant? = nil)
    /// Sending a fragment to the next hop since the instant.
    case transmitting(since: RuntimeInstant)
    /// The relay finished forwarding the whole stream.
    case finished
    /// The relay failed.
    case failed(RelayStreamError)
}
