import Runtime

/// Everything the dashboard and the scenarios read from the cold storage subsystem at one
/// instant: a value, cheap to take, safe from any thread.
public struct ColdSnapshot: Sendable, Equatable, Codable {
    public let policy: ColdPolicy
    public let at: RuntimeInstant
    public let readPermits: ColdPermitPool
    public let streamSlots: ColdPermitPool
    public let readChannel: ColdChannelFill
    public let writeChannel: ColdChannelFill
    public let writer: ColdWriterSnapshot
    public let dispatcher: ColdDispatcherSnapshot
    /// Requests in flight (queued, dispatched, streaming), oldest first.
    public let requests: [ColdRequestRecord]
    /// Errors callers saw, by `ColdErrorKind` raw value; every kind is present.
    public let errors: [String: Int]
    public let deadlineExpirations: Int
    public let readsServed: Int
    public let writesAccepted: Int
    public let writesApplied: Int
    public let streamsOpened: Int
    public let activeStreams: Int
    public let logsStreamed: Int
    /// Callers still waiting for an answer.
    public let callersWaiting: Int
    public let shutdown: ColdShutdownPhase
    public let shutdownRequestedAt: RuntimeInstant?
    /// Since the shutdown was requested: until now while it is pending, or its final length.
    public let shutdownDuration: Duration?
    public internal(set) var warnings: [StallWarning]

    public func errorCount(_ kind: ColdErrorKind) -> Int { errors[kind.rawValue] ?? 0 }
}
