/// Every instrumented channel, in registration order.
public struct ChannelsViewModel: Equatable, Sendable {
    public var rows: [ChannelRow]

    public init(rows: [ChannelRow]) {
        self.rows = rows
    }
}
