/// A log stream subscription: logs of blocks `from...to`; with `to == nil`, up to the tip
/// (resolved with a backend `latestBlock` call during setup) and then following new blocks until
/// the stream deadline, `min(deadline, maxStreamDeadline)`.
public struct ColdStreamRequest: Sendable, Equatable {
    public let from: UInt64
    public let to: UInt64?
    public let deadline: Duration

    public init(from: UInt64, to: UInt64?, deadline: Duration) {
        self.from = from
        self.to = to
        self.deadline = deadline
    }
}
