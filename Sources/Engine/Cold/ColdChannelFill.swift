/// A channel of the task (read, write) as the channels panel shows it.
public struct ColdChannelFill: Sendable, Equatable, Codable {
    public let name: String
    public let capacity: Int
    public let length: Int
    public let highWater: Int
    public let waitingSenders: Int
    /// `trySend` calls answered full: for the write channel, the `backpressure` errors.
    public let fullRejections: Int
    public let isClosed: Bool
}
