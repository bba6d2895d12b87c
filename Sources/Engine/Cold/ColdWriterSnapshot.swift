import Runtime

/// The writer panel: the drain state, since when, and who blocks it.
public struct ColdWriterSnapshot: Sendable, Equatable, Codable {
    public let state: ColdWriterState
    public let since: RuntimeInstant
    /// How long the writer has been in `state`.
    public let duration: Duration
    /// The write being drained for or applied ("write #9").
    public let writeID: UInt64?
    /// While draining: the holders it waits for, oldest first.
    public let blockedBy: [ColdPermitHolder]
    /// When the last write was applied; nil before the first.
    public let lastWriteAt: RuntimeInstant?
}
