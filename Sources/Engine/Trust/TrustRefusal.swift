/// Why a mutation was refused.
public enum TrustRefusal: String, Sendable, Equatable, Codable {
    case pendingPerSourceLimit = "pending-per-source-limit"
    case pendingTotalLimit = "pending-total-limit"
    case revoked
    case notPending = "not-pending"
    case notTrusted = "not-trusted"
    /// The manager is stopping or stopped (fixed policy): no more changes are accepted.
    case stopped
}
