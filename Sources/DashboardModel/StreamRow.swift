import Backpressure

/// One relay stream (hop by hop) or cold log stream.
public struct StreamRow: Equatable, Sendable {
    public var id: String
    /// "relay" or "cold": who owns the stream.
    public var kind: String
    /// Hops the data has crossed, of `hopsTotal`; a single-hop stream (cold) has 0 of 0.
    public var hopsDone: Int
    public var hopsTotal: Int
    /// What the stream has delivered, in `unit` (nil: bytes).
    public var bytes: Int
    /// Bytes expected in all, when known.
    public var totalBytes: Int?
    /// What `bytes` counts when it is not bytes ("logs").
    public var unit: String?
    /// Time since the stream last moved data.
    public var idleFor: Duration?
    public var state: StreamState
    /// Why it is stalled or how it ended ("upstream dropped", "waiting for slot").
    public var detail: String

    /// Who the stream belongs to (the host sets it: a relay stream's relay with its id, a cold
    /// stream's cold storage with its `#N`): what `c` and `g` act on when the row is selected.
    public var owner: InstrumentOwner?

    public init(
        id: String, kind: String, hopsDone: Int, hopsTotal: Int, bytes: Int, totalBytes: Int?,
        idleFor: Duration?, state: StreamState, detail: String = "", unit: String? = nil, owner: InstrumentOwner? = nil
    ) {
        self.id = id
        self.kind = kind
        self.hopsDone = hopsDone
        self.hopsTotal = hopsTotal
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.idleFor = idleFor
        self.state = state
        self.detail = detail
        self.unit = unit
        self.owner = owner
    }
}
