/// Relay streams hop by hop and cold log streams, newest first.
public struct StreamsViewModel: Equatable, Sendable {
    public var rows: [StreamRow]

    public init(rows: [StreamRow]) {
        self.rows = rows
    }
}
