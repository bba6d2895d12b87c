/// The instrumented channels, most pressing first (full, fuller, refusing sends; see
/// `ChannelRow.rank`), equals in name order: every one of them up to `ChannelHistory.rowsListed`,
/// beyond that the most pressing ones and a summary of the rest (20,000 listener peers at 100x
/// load would otherwise be 20,000 rows to build and scroll through every frame). With a `/`
/// filter, only the channels whose name contains it, rows and remainder alike.
public struct ChannelsViewModel: Equatable, Sendable {
    /// The channels left out of `rows`, all of them less pressing than the last row.
    public struct Remainder: Equatable, Sendable {
        public var count: Int
        /// How many of them are full (none, unless more full channels than rows are listed).
        public var full: Int
        /// The fullest of them (the first in name order among equals).
        public var fullest: ChannelRow

        public init(count: Int, full: Int, fullest: ChannelRow) {
            self.count = count
            self.full = full
            self.fullest = fullest
        }
    }

    public var rows: [ChannelRow]
    public var remainder: Remainder?
    /// The `/` filter the rows and the remainder were narrowed by (empty: none).
    public var filter: String

    public init(rows: [ChannelRow], remainder: Remainder? = nil, filter: String = "") {
        self.rows = rows
        self.remainder = remainder
        self.filter = filter
    }

    /// Every channel that matches the filter, listed or not.
    public var channelCount: Int { rows.count + (remainder?.count ?? 0) }
    public var fullCount: Int { rows.count(where: \.isFull) + (remainder?.full ?? 0) }
}
