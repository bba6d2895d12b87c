import Backpressure

/// One bounded channel as the channels panel shows it.
public struct ChannelRow: Equatable, Sendable {
    public var name: String
    public var length: Int
    public var reserved: Int
    public var capacity: Int
    public var highWater: Int
    /// `trySend` answered `full`, per virtual second, over the recent window.
    public var fullPerSecond: Double
    public var waitingSenders: Int
    public var isClosed: Bool
    /// Fill ratio samples, oldest first, one per sampled frame.
    public var fillHistory: [Double]
    /// The component (and item) that registered the channel: what `c` and `g` act on when the
    /// row is selected.
    public var owner: InstrumentOwner?

    public init(
        name: String, length: Int, reserved: Int, capacity: Int, highWater: Int, fullPerSecond: Double,
        waitingSenders: Int, isClosed: Bool, fillHistory: [Double], owner: InstrumentOwner? = nil
    ) {
        self.name = name
        self.length = length
        self.reserved = reserved
        self.capacity = capacity
        self.highWater = highWater
        self.fullPerSecond = fullPerSecond
        self.waitingSenders = waitingSenders
        self.isClosed = isClosed
        self.fillHistory = fillHistory
        self.owner = owner
    }

    public var fill: Double { capacity > 0 ? Double(length + reserved) / Double(capacity) : 0 }
    public var isFull: Bool { length + reserved >= capacity }

    /// Fill is ranked in eighths: a row moves when its fill crosses an eighth, not on every
    /// message. A full channel is in the top band alone.
    public static let fillBands = 8

    /// Where the row belongs in the channels panel, higher first: what an operator needs first
    /// is a full channel, then a fuller one, then one refusing sends.
    public var rank: Int { Self.rank(fill: fill, isFull: isFull, fullPerSecond: fullPerSecond) }

    /// The rank of a channel with this fill and rejection rate, without building its row.
    public static func rank(fill: Double, isFull: Bool, fullPerSecond: Double) -> Int {
        let band = isFull ? fillBands : Swift.min(Int(fill * Double(fillBands)), fillBands - 1)
        return band * 2 + (fullPerSecond > 0 ? 1 : 0)
    }
}
