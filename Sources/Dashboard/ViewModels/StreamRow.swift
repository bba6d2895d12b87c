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

    public init(id: String, kind: String, hopsDone: Int, hopsTotal: Int, bytes: Int, totalBytes: Int?,
                idleFor: Duration?, state: StreamState, detail: String = "", unit: String? = nil) {
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
    }

    /// "3/10", or "-" for a stream without hops.
    public var hopsText: String { hopsTotal > 0 ? "\(hopsDone)/\(hopsTotal)" : "-" }

    /// "1.2k/253k" bytes, or "48 logs".
    public var sentText: String {
        if let unit { return "\(Format.count(bytes)) \(unit)" }
        return totalBytes.map { "\(Format.count(bytes))/\(Format.count($0))" } ?? Format.count(bytes)
    }
}
