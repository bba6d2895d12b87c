/// A non-stream read, as the caller asks for it.
public enum ColdReadOperation: Sendable, Equatable, Codable {
    case header(UInt64)
    case block(UInt64)
    case latestBlock
    case logs(ClosedRange<UInt64>)

    /// The operation's name in snapshots, warnings and the event log.
    public var name: String {
        switch self {
        case .header: "headerByNumber"
        case .block: "blockByNumber"
        case .latestBlock: "latestBlock"
        case .logs: "getLogs"
        }
    }
}
