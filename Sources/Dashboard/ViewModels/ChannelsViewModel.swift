/// Every instrumented channel, most pressing first (full, fuller, rejecting sends; see
/// `ChannelStanding`), equals in name order.
public struct ChannelsViewModel: Equatable, Sendable {
    public var rows: [ChannelRow]

    public init(rows: [ChannelRow]) {
        self.rows = rows
    }
}
