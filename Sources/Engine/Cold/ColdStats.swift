import Backpressure

/// Counters of the task and its callers.
final class ColdStats: Sendable {
    struct Counters {
        var errors: [ColdErrorKind: Int] = [:]
        var deadlineExpirations = 0
        var readsServed = 0
        var writesAccepted = 0
        var writesApplied = 0
        /// Accepted writes the backend refused (each logged as an error).
        var writesFailed = 0
        /// Accepted writes dropped at shutdown whose caller was answered `taskTerminated`.
        var writesDroppedAnswered = 0
        /// Accepted fire-and-forget writes dropped at shutdown: nobody waits for an answer, so
        /// nobody learns the write never happened.
        var writesDroppedSilently = 0
        var streamsOpened = 0
        var streamsActive = 0
        var logsStreamed = 0
        var callersStarted = 0
        var callersAnswered = 0
    }

    private let counters = LockedState(Counters())

    func update(_ body: (inout Counters) -> Void) { counters.withLock { body(&$0) } }

    var current: Counters { counters.withLock { $0 } }

    func callerStarted() { update { $0.callersStarted += 1 } }

    /// Every caller ends here exactly once, with its outcome.
    func callerAnswered(_ error: ColdError?) {
        update { counters in
            counters.callersAnswered += 1
            if let error { counters.errors[error.kind, default: 0] += 1 }
        }
    }
}
