import Runtime

/// The dispatcher loop: what it does and for how long.
public struct ColdDispatcherSnapshot: Sendable, Equatable, Codable {
    public let state: ColdDispatcherState
    public let since: RuntimeInstant
    public let duration: Duration
}
