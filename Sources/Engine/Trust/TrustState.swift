import Runtime

/// The handshake manager's trust state: who is trusted, who waits for a decision, who is banned.
///
/// A plain value: every mutation path is `apply(_:at:limits:)`, which returns whether the state
/// changed, so the persistence policy (not the state) decides when to write. Invariants (checked
/// by `checkInvariants`): a peer is in at most one of trusted/pending; a revoked peer is neither
/// trusted nor pending; pending stays within its per-source and total limits.
public struct TrustState: Sendable, Equatable, Codable {
    public private(set) var trusted: [String: TrustedPeer] = [:]
    public private(set) var pending: [String: PendingRequest] = [:]
    public private(set) var revoked: [String: Revocation] = [:]

    public init() {}

    public func isTrusted(_ nodeId: String) -> Bool { trusted[nodeId] != nil }

    public func pendingCount(from source: String?) -> Int {
        pending.values.reduce(0) { $0 + ($1.source == source ? 1 : 0) }
    }

    public mutating func apply(
        _ mutation: TrustMutation, at instant: RuntimeInstant, limits: TrustLimits
    ) -> TrustMutationOutcome {
        // The trust file stores whole nanoseconds: stamps are truncated to them so that a saved
        // state reads back equal to the live one.
        let now = RuntimeInstant(sinceStart: .nanoseconds(instant.sinceStart.nanoseconds))
        defer { assert(checkInvariants(limits: limits) == nil, "trust state invariant broken by \(mutation.verb)") }
        switch mutation {
        case .request(let nodeId, let publicKey, let justification, let source):
            if let ban = revoked[nodeId], ban.until > now { return .refused(.revoked) }
            if trusted[nodeId] != nil || pending[nodeId] != nil { return .unchanged }
            if pending.count >= limits.pendingTotalLimit { return .refused(.pendingTotalLimit) }
            if pendingCount(from: source) >= limits.pendingPerSourceLimit { return .refused(.pendingPerSourceLimit) }
            revoked[nodeId] = nil
            pending[nodeId] = PendingRequest(
                nodeId: nodeId, publicKey: publicKey, justification: justification, receivedAt: now, source: source)
            return .changed

        case .approve(let nodeId, let network):
            guard let request = pending.removeValue(forKey: nodeId) else {
                return trusted[nodeId] != nil ? .unchanged : .refused(.notPending)
            }
            trusted[nodeId] = TrustedPeer(
                nodeId: nodeId, publicKey: request.publicKey ?? "unknown", approvedAt: now, mutual: false,
                network: network)
            return .changed

        case .reject(let nodeId):
            return pending.removeValue(forKey: nodeId) == nil ? .refused(.notPending) : .changed

        case .accept(let nodeId, let publicKey, let network):
            if let ban = revoked[nodeId], ban.until > now { return .refused(.revoked) }
            if var peer = trusted[nodeId] {
                if peer.mutual { return .unchanged }
                peer.mutual = true
                trusted[nodeId] = peer
                return .changed
            }
            pending[nodeId] = nil
            revoked[nodeId] = nil
            trusted[nodeId] = TrustedPeer(
                nodeId: nodeId, publicKey: publicKey, approvedAt: now, mutual: false, network: network)
            return .changed

        case .markMutual(let nodeId):
            guard var peer = trusted[nodeId] else { return .refused(.notTrusted) }
            if peer.mutual { return .unchanged }
            peer.mutual = true
            trusted[nodeId] = peer
            return .changed

        case .revoke(let nodeId, let period):
            let until = now.advanced(by: period)
            if trusted[nodeId] == nil, pending[nodeId] == nil, let ban = revoked[nodeId], ban.until >= until {
                return .unchanged
            }
            trusted[nodeId] = nil
            pending[nodeId] = nil
            revoked[nodeId] = Revocation(nodeId: nodeId, until: until)
            return .changed

        case .untrust(let nodeId):
            return trusted.removeValue(forKey: nodeId) == nil ? .refused(.notTrusted) : .changed

        case .expire:
            let endedBans = revoked.values.filter { $0.until <= now }.map(\.nodeId)
            let stale = pending.values.filter { $0.receivedAt.advanced(by: limits.pendingTimeout) <= now }.map(\.nodeId)
            for nodeId in endedBans { revoked[nodeId] = nil }
            for nodeId in stale { pending[nodeId] = nil }
            return endedBans.isEmpty && stale.isEmpty ? .unchanged : .changed
        }
    }

    /// Describes the first broken invariant, or nil when the state is consistent.
    public func checkInvariants(limits: TrustLimits) -> String? {
        if pending.count > limits.pendingTotalLimit {
            return "\(pending.count) pending > total limit \(limits.pendingTotalLimit)"
        }
        var perSource: [String?: Int] = [:]
        for request in pending.values { perSource[request.source, default: 0] += 1 }
        if let (source, count) = perSource.first(where: { $0.value > limits.pendingPerSourceLimit }) {
            return "\(count) pending from \(source ?? "no source") > per-source limit \(limits.pendingPerSourceLimit)"
        }
        if let both = pending.keys.first(where: { trusted[$0] != nil }) { return "\(both) is both pending and trusted" }
        if let banned = revoked.keys.first(where: { trusted[$0] != nil || pending[$0] != nil }) {
            return "\(banned) is revoked but still trusted or pending"
        }
        for (key, peer) in trusted where key != peer.nodeId { return "trusted entry \(key) holds \(peer.nodeId)" }
        return nil
    }
}
