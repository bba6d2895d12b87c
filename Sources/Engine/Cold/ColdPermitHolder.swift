/// One holder of a read permit or a stream slot, joined with what its request is doing.
public struct ColdPermitHolder: Sendable, Equatable, Codable {
    /// "read #17", "stream #4", "writer drain".
    public let label: String
    public let requestID: UInt64?
    public let operation: String?
    public let state: ColdRequestState?
    public let permits: Int
    public let age: Duration
    /// "streamLogs setup, backend latestBlock".
    public let activity: String?
}
