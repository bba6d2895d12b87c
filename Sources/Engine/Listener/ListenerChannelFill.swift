import Backpressure

/// One listener channel in a snapshot: the channels panel's row.
public struct ListenerChannelFill: Sendable, Equatable, Codable {
    public let name: String
    /// Buffered plus reserved: what the next sender sees.
    public let occupied: Int
    public let capacity: Int
    /// Slots reserved and not committed (a wedged spin-channel slot, a held bounded slot).
    public let reserved: Int
    public let highWater: Int
    public let fullRejections: Int

    public init(_ snapshot: ChannelSnapshot) {
        name = snapshot.name
        occupied = snapshot.length + snapshot.reserved
        capacity = snapshot.capacity
        reserved = snapshot.reserved
        highWater = snapshot.highWater
        fullRejections = snapshot.fullRejections
    }

    public var isFull: Bool { occupied >= capacity }
    /// "100/100", the form warnings quote.
    public var fillText: String { "\(occupied)/\(capacity)" }
}
