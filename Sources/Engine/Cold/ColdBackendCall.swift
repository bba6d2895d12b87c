/// A backend call, for fault hooks, latency and "what is this request waiting on".
public enum ColdBackendCall: String, CaseIterable, Sendable, Codable {
    case header
    case block
    case latestBlock
    case logs
    case streamLogs
    case append
    case truncate
    case drain

    var isWrite: Bool { self == .append || self == .truncate || self == .drain }
}
