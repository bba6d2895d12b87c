/// What a `DirtySignal` looks like at one instant.
public struct DirtySignalSnapshot: Sendable, Equatable {
    public let name: String
    /// Marks waiting to be taken: the mutations the next wake-up coalesces.
    public let pendingMarks: Int
    /// Age of the oldest pending mark (the persistence lag); nil when clean.
    public let dirtyFor: Duration?
    public let totalMarks: Int
    /// Wake-ups taken so far.
    public let batches: Int
    public let isClosed: Bool
}
