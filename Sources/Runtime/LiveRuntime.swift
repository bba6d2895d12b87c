import Backpressure
import Dispatch

/// The engine on the real multi-threaded global executor and the monotonic wall clock: how the
/// primitives and subsystems are stress-tested for real concurrency. Not reproducible.
public final class LiveRuntime: Runtime {
    public let random: RandomSource
    public let clock: RuntimeClock
    private let tasks = TaskCounter()
    private let blockingQueue = DispatchQueue(label: "stallscope.live.blocking", attributes: .concurrent)

    public init(seed: UInt64) {
        random = RandomSource(seed: seed)
        clock = RuntimeClock(backend: WallClockBackend())
    }

    public var liveTasks: Int { tasks.value }
    public var blockingAdvancesClock: Bool { true }

    @discardableResult
    public func spawn(_ name: String, _ operation: @escaping @Sendable () async -> Void) -> RuntimeTask {
        let body = tasks.wrap(operation)
        return RuntimeTask(name: name, task: Task(name: name) { await body() })
    }

    public func blocking<Result: Sendable>(
        _ name: String, _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withUnsafeThrowingContinuation { continuation in
            blockingQueue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}

/// The monotonic wall clock, measured from the moment the runtime was created.
private struct WallClockBackend: ClockBackend {
    private let origin = ContinuousClock.now

    var now: RuntimeInstant { RuntimeInstant(sinceStart: origin.duration(to: .now)) }

    func sleep(until deadline: RuntimeInstant) async throws {
        let wake = origin.advanced(by: deadline.sinceStart)
        guard DeadlineTimer.isBound else { return try await ContinuousClock().sleep(until: wake) }
        // Under a `withDeadline`: the sleep runs in a task of its own, which the deadline's timer
        // cancels as the caller's cancellation does.
        let sleeper = Task { try await ContinuousClock().sleep(until: wake) }
        let deadlineTimer = DeadlineTimer.armForCurrentWait { sleeper.cancel() }
        defer { deadlineTimer?.disarm() }
        try await withTaskCancellationHandler {
            try await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
    }

    func armDeadlineTimer(at instant: RuntimeInstant, expire: @escaping @Sendable () -> Void) -> DeadlineTimer {
        let wake = origin.advanced(by: instant.sinceStart)
        let sleeper = Task.detached {
            do {
                try await ContinuousClock().sleep(until: wake)
            } catch {
                return  // disarmed
            }
            expire()
        }
        return DeadlineTimer { sleeper.cancel() }
    }
}
