/// What one forward from the listener loop did. The `fixed` step answers one of these for every
/// packet without waiting; the older steps may wait (or spin) before answering.
public enum ForwardOutcome: String, Sendable, Codable, Equatable {
    case sent
    /// No room: the packet is dropped and counted; the remote peer retries.
    case full
    /// The consumer exited: the peer (or handshake task) is gone.
    case closed
}
