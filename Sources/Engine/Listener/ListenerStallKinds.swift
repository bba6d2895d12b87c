extension StallKind {
    /// The listener loop awaits a send on a full channel; every peer waits behind it.
    public static let listenerBlocked = StallKind("listener-blocked")
    /// The listener loop spins on a wedged slot, holding a runtime worker.
    public static let listenerSpinning = StallKind("listener-spinning")
    /// A consumer spins on a wedged slot, holding a runtime worker.
    public static let consumerSpinning = StallKind("consumer-spinning")
    /// The node's API gets no worker to answer on.
    public static let apiUnanswered = StallKind("api-unanswered")
}
