/// What a `BoundedChannel` looks like at one instant.
public struct ChannelSnapshot: Sendable, Equatable {
    public let name: String
    public let capacity: Int
    /// Messages buffered, waiting for the receiver.
    public let length: Int
    /// Slots taken by `reserve` but not yet filled.
    public let reserved: Int
    public let highWater: Int
    public let sends: Int
    public let receives: Int
    /// `trySend` calls answered `.full`.
    public let fullRejections: Int
    public let waitingSenders: Int
    public let receiverWaiting: Bool
    public let isClosed: Bool
    public let sendersGone: Bool

    public var isFull: Bool { length + reserved >= capacity }
    public var fill: Double { Double(length + reserved) / Double(capacity) }
}
