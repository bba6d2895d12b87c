import Runtime

/// The task's loop states and shutdown times, under one lock in `ColdStorageTask`.
struct ColdTaskProgress {
    var writer: ColdWriterState = .idle
    var writerSince: RuntimeInstant = .start
    var writeInProgress: UInt64?
    /// When the writer last finished applying a write (nil: none yet).
    var lastWriteAt: RuntimeInstant?
    var dispatcher: ColdDispatcherState = .idle
    var dispatcherSince: RuntimeInstant = .start
    var phase: ColdShutdownPhase = .notStarted
    var shutdownRequestedAt: RuntimeInstant?
    var terminatedAt: RuntimeInstant?
    var mainTask: RuntimeTask?
}
