/// The bounds the trust state enforces on pending requests (see Trust/README.md, constants).
public struct TrustLimits: Sendable, Equatable, Codable {
    /// Pending requests kept from one source; more are refused.
    public var pendingPerSourceLimit: Int
    /// Pending requests kept in total; more are refused.
    public var pendingTotalLimit: Int
    /// A pending request older than this is dropped by `expire`.
    public var pendingTimeout: Duration

    public init(pendingPerSourceLimit: Int = 16, pendingTotalLimit: Int = 256, pendingTimeout: Duration = .seconds(60))
    {
        precondition(
            pendingPerSourceLimit > 0 && pendingTotalLimit >= pendingPerSourceLimit, "pending limits must be positive")
        self.pendingPerSourceLimit = pendingPerSourceLimit
        self.pendingTotalLimit = pendingTotalLimit
        self.pendingTimeout = pendingTimeout
    }

    public static let incident = TrustLimits()
}
