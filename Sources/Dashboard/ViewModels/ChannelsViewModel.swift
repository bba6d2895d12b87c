/// Every instrumented channel, most pressing first (full, fuller, refusing sends; see
/// `ChannelRow.rank`), equals in name order.
public struct ChannelsViewModel: Equatable, Sendable {
    public var rows: [ChannelRow]

    public init(rows: [ChannelRow]) {
        self.rows = rows
    }
}
