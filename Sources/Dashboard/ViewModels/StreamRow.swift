/// One relay stream (hop by hop) or cold log stream.
public struct StreamRow: Equatable, Sendable {
    public var id: String
    /// "relay" or "cold": who owns the stream.
    public var kind: String
    public var hopsDone: Int
    public var hopsTotal: Int
    public var bytes: Int
    /// Bytes expected in all, when known.
    public var totalBytes: Int?
    /// Time since the stream last moved data.
    public var idleFor: Duration?
    public var state: StreamState
    /// Why it is stalled or how it ended ("upstream dropped", "waiting for slot").
    public var detail: String

    public init(id: String, kind: String, hopsDone: Int, hopsTotal: Int, bytes: Int, totalBytes: Int?,
                idleFor: Duration?, state: StreamState, detail: String = "") {
        self.id = id
        self.kind = kind
        self.hopsDone = hopsDone
        self.hopsTotal = hopsTotal
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.idleFor = idleFor
        self.state = state
        self.detail = detail
    }
}
