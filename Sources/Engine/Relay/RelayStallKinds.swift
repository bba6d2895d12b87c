extension StallKind {
    /// A relay's forked handle was cancelled although its data had arrived.
    public static let relayForkCancelled = StallKind("relay-fork-cancelled")
    /// A relay hop gave up on an upstream that went quiet.
    public static let relayHopGaveUp = StallKind("relay-hop-gave-up")
    /// A relay parked with fragments buffered that were pushed through another handle.
    public static let relayLostWakeup = StallKind("relay-lost-wakeup")
    /// One fragment has been in transmit over a slowed hop for too long.
    public static let relaySlowHop = StallKind("relay-slow-hop")
    /// The source stopped sending mid-stream.
    public static let relaySourceStopped = StallKind("relay-source-stopped")
    /// No fragment moved for too long, for no reason the detector can name.
    public static let relayStalled = StallKind("relay-stalled")
}

extension InvariantLaw {
    /// The receiver assembles exactly the bytes the source sent: faults never change one.
    public static let streamsIntact = InvariantLaw("streams-intact")
}
