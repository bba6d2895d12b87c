import Runtime

/// One in-flight request as the snapshot shows it: "read #17, streamLogs, backend latestBlock".
public struct ColdRequestRecord: Sendable, Equatable, Codable {
    public let id: UInt64
    /// The permit label it holds or will hold ("read #17").
    public let label: String
    /// "headerByNumber", "streamLogs", ...
    public let operation: String
    public var state: ColdRequestState
    public let admittedAt: RuntimeInstant
    public var stateSince: RuntimeInstant
    /// A stream's logs sent to its subscriber so far, and when the last one went.
    public var logsSent = 0
    public var lastLogAt: RuntimeInstant?

    /// A log stream (from its setup on), as opposed to a single read.
    public var isStream: Bool { operation == ColdStorageTask.streamOperation }

    /// "streamLogs setup, backend latestBlock": the blocker's description in warnings.
    public var activity: String {
        if operation == ColdStorageTask.streamOperation, state != .streaming {
            return "\(operation) setup, \(state.description)"
        }
        return "\(operation), \(state.description)"
    }
}
