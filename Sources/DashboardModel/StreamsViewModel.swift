import Backpressure

/// Relay streams hop by hop and cold log streams, newest first.
public struct StreamsViewModel: Equatable, Sendable {
    public var rows: [StreamRow]

    /// Whose panel this is (the host sets it): what `c` and `g` act on when no row is selected.
    public var owner: InstrumentOwner?

    public init(rows: [StreamRow], owner: InstrumentOwner? = nil) {
        self.rows = rows
        self.owner = owner
    }
}
