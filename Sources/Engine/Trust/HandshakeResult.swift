/// How one handshake ended.
public enum HandshakeResult: Sendable, Equatable {
    /// The peer was already trusted: a read under the lock.
    case trusted
    /// The peer's request is pending (recorded now or earlier).
    case pending
    case refused(TrustRefusal)
}
