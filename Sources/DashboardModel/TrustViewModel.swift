import Backpressure

/// Trust store persistence: how far the file lags the memory state and what saving costs.
public struct TrustViewModel: Equatable, Sendable {
    /// Age of the oldest unsaved mutation; nil when saved.
    public var persistenceLag: Duration?
    public var coalescedMutations: Int
    public var fsync: LatencyFigures
    public var lockHold: LatencyFigures
    public var saves: Int
    public var saveFailures: Int
    /// Injected disk latency, when any.
    public var diskLatency: Duration?
    /// Mutations lost by the last stop (the stop-loses-changes incident), when known.
    public var unsavedAtStop: Int?

    /// Whose panel this is (the host sets it): what `c` and `g` act on when the panel has the focus.
    public var owner: InstrumentOwner?

    public init(
        persistenceLag: Duration?, coalescedMutations: Int, fsync: LatencyFigures, lockHold: LatencyFigures,
        saves: Int, saveFailures: Int, diskLatency: Duration?, unsavedAtStop: Int?, owner: InstrumentOwner? = nil
    ) {
        self.persistenceLag = persistenceLag
        self.coalescedMutations = coalescedMutations
        self.fsync = fsync
        self.lockHold = lockHold
        self.saves = saves
        self.saveFailures = saveFailures
        self.diskLatency = diskLatency
        self.unsavedAtStop = unsavedAtStop
        self.owner = owner
    }
}
