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

    /// A snapshot read from elsewhere (an attached service's agent), for the dashboard's panels.
    package init(name: String, pendingMarks: Int, dirtyFor: Duration?, totalMarks: Int, batches: Int, isClosed: Bool) {
        self.name = name
        self.pendingMarks = pendingMarks
        self.dirtyFor = dirtyFor
        self.totalMarks = totalMarks
        self.batches = batches
        self.isClosed = isClosed
    }
}
