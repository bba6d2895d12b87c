import Backpressure

/// Time and scheduling for the engine. Library code takes a runtime as a parameter and never
/// reaches around it: no `Task {}`, `Task.sleep` or wall clock of its own. That is what lets the
/// same engine run reproducibly on a `DeterministicRuntime` and for real on a `LiveRuntime`.
public protocol Runtime: AnyObject, Sendable {
    var clock: RuntimeClock { get }
    /// The seeded random source; fork it per component so components draw independently.
    var random: RandomSource { get }

    /// Starts a task on this runtime. Its children (task groups, `async let`) stay on it.
    @discardableResult
    func spawn(_ name: String, _ operation: @escaping @Sendable () async -> Void) -> RuntimeTask

    /// Runs blocking work (file writes, fsync) on a real thread and returns its result as a
    /// completion. It is not cancellable: the work always runs to the end. On the deterministic
    /// runtime it takes no virtual time and its completion is delivered when the runtime is
    /// otherwise idle, in submission order, so results never reorder a trace.
    func blocking<Result: Sendable>(
        _ name: String, _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result

    /// How many spawned tasks have not finished yet.
    var liveTasks: Int { get }

    /// Whether the clock moves while blocking work runs. True on the wall clock; false in virtual
    /// time, where a caller that wants real disk time to count must charge it itself (and, to be
    /// replayable, record it: see `Engine.OutsideInputs`).
    var blockingAdvancesClock: Bool { get }
}

extension Runtime {
    public var now: RuntimeInstant { clock.now }

    public var timeSource: TimeSource { clock.timeSource }

    public func sleep(for duration: Duration) async throws {
        try await clock.sleep(until: clock.now.advanced(by: duration))
    }

    public func sleep(until deadline: RuntimeInstant) async throws {
        try await clock.sleep(until: deadline)
    }
}
