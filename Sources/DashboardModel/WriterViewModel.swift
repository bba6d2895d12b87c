import Backpressure

/// The cold-storage writer's drain state machine: what it waits for, and who blocks it.
public struct WriterViewModel: Equatable, Sendable {
    /// "IDLE", "DRAINING", "WRITING", ...
    public var state: String
    /// Permits collected towards the drain, out of `drainTarget` (k of 64); a target of 0 means
    /// the writer is not draining.
    public var drained: Int
    public var drainTarget: Int
    /// The holder the drain waits for ("read #17"), when blocked.
    public var blockedBy: String?
    /// How long the writer has been in its current state.
    public var stateFor: Duration
    /// Time since the last completed write.
    public var lastWriteAgo: Duration?
    public var queueLength: Int
    public var queueCapacity: Int

    /// Whose panel this is (the host sets it): what `c` and `g` act on when the panel has the focus.
    public var owner: InstrumentOwner?

    public init(
        state: String, drained: Int, drainTarget: Int, blockedBy: String?, stateFor: Duration,
        lastWriteAgo: Duration?, queueLength: Int, queueCapacity: Int, owner: InstrumentOwner? = nil
    ) {
        self.state = state
        self.drained = drained
        self.drainTarget = drainTarget
        self.blockedBy = blockedBy
        self.stateFor = stateFor
        self.lastWriteAgo = lastWriteAgo
        self.queueLength = queueLength
        self.queueCapacity = queueCapacity
        self.owner = owner
    }

    public var isDraining: Bool { drainTarget > 0 }
}
