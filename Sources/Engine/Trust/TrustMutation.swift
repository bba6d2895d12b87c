/// One of the handshake manager's mutation paths. Each either changes the trust state (and must
/// then be persisted) or leaves it as it was (and must cause no write).
public enum TrustMutation: Sendable, Equatable {
    /// A peer asks to be trusted: it becomes pending, within the per-source and total limits.
    case request(nodeId: String, publicKey: String?, justification: String?, source: String?)
    /// The operator approves a pending request: the peer becomes trusted.
    case approve(nodeId: String, network: String?)
    /// The operator rejects a pending request.
    case reject(nodeId: String)
    /// The peer accepted our own request: trusted, and mutual if we had already trusted it.
    case accept(nodeId: String, publicKey: String, network: String?)
    /// The peer confirmed it trusts us back.
    case markMutual(nodeId: String)
    /// Trust (or a pending request) is withdrawn; the peer is refused until the period ends.
    case revoke(nodeId: String, period: Duration)
    /// Trust is withdrawn without a ban.
    case untrust(nodeId: String)
    /// Revocations past their end and pending requests past their timeout are dropped.
    case expire

    /// The peer the mutation is about, if any.
    public var nodeId: String? {
        switch self {
        case .request(let id, _, _, _), .approve(let id, _), .reject(let id), .accept(let id, _, _),
            .markMutual(let id), .revoke(let id, _), .untrust(let id):
            id
        case .expire: nil
        }
    }

    /// Short name for labels and logs ("approve", "revoke").
    public var verb: String {
        switch self {
        case .request: "request"
        case .approve: "approve"
        case .reject: "reject"
        case .accept: "accept"
        case .markMutual: "mutual"
        case .revoke: "revoke"
        case .untrust: "untrust"
        case .expire: "expire"
        }
    }
}
