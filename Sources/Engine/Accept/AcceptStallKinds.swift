extension StallKind {
    /// The handshake channel stayed full: the accept loop does not take connections.
    public static let handshakeChannelFull = StallKind("handshake-channel-full")
    /// Identity exchanges time out while registrations wait.
    public static let identityExchangeTimeouts = StallKind("identity-exchange-timeouts")
    /// Entries of connections already lost that nothing removes.
    public static let staleEntries = StallKind("stale-entries")
    /// Registrations herd onto the peers lock.
    public static let lockHerd = StallKind("lock-herd")
    /// The registration queue stayed full.
    public static let registrationQueueFull = StallKind("registration-queue-full")
}
