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
    /// `trySend` calls answered `.full` (exact with one sender at a time; rejections racing on
    /// two threads may count once, see `BoundedChannel`).
    public let fullRejections: Int
    public let waitingSenders: Int
    public let receiverWaiting: Bool
    public let isClosed: Bool
    public let sendersGone: Bool

    /// Public so channels built outside this module (an engine's own channel designs, such as
    /// the transport listener's spinning array channel) can report through the same panel.
    public init(
        name: String, capacity: Int, length: Int, reserved: Int, highWater: Int, sends: Int, receives: Int,
        fullRejections: Int, waitingSenders: Int, receiverWaiting: Bool, isClosed: Bool, sendersGone: Bool
    ) {
        self.name = name
        self.capacity = capacity
        self.length = length
        self.reserved = reserved
        self.highWater = highWater
        self.sends = sends
        self.receives = receives
        self.fullRejections = fullRejections
        self.waitingSenders = waitingSenders
        self.receiverWaiting = receiverWaiting
        self.isClosed = isClosed
        self.sendersGone = sendersGone
    }

    public var isFull: Bool { length + reserved >= capacity }
    public var fill: Double { Double(length + reserved) / Double(capacity) }
}
