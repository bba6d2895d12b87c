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

    public init(name: String, length: Int, reserved: Int, capacity: Int, highWater: Int, fullPerSecond: Double,
                waitingSenders: Int, isClosed: Bool, fillHistory: [Double]) {
        self.name = name
        self.length = length
        self.reserved = reserved
        self.capacity = capacity
        self.highWater = highWater
        self.fullPerSecond = fullPerSecond
        self.waitingSenders = waitingSenders
        self.isClosed = isClosed
        self.fillHistory = fillHistory
    }

    public var fill: Double { capacity > 0 ? Double(length + reserved) / Double(capacity) : 0 }
    public var isFull: Bool { length + reserved >= capacity }
}
