import Backpressure
import Runtime

/// Cold storage (incident 1) as the engine runs it: the in-memory backend seeded with
/// `seedBlocks`, the task under one policy step, the workload, the operator's fault actions, and
/// the snapshot the dashboard and scenarios read.
public final class ColdSubsystem: EngineSubsystem {
    public let context: EngineContext
    public let policy: ColdPolicy
    public let config: ColdConfig
    public let backend: InMemoryColdBackend
    public let task: ColdStorageTask
    private let workload: ColdWorkload

    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: ColdPolicy, config: ColdConfig = .incident,
        withholding: Set<ColdFixElement> = []
    ) {
        self.context = context
        self.policy = policy
        self.config = config
        let blocks = ColdBlock.chain(count: config.seedBlocks, logsPerBlock: config.logsPerBlock)
        backend = InMemoryColdBackend(runtime: context.runtime, latency: config.latencyModel, blocks: blocks)
        task = ColdStorageTask(
            context: context, policy: policy, config: config, backend: backend, withholding: withholding)
        workload = ColdWorkload(
            runtime: context.runtime, handle: task.handle, config: config, events: context.events,
            head: blocks.last?.header)
        for gate in [backend.readGate, backend.latestBlockGate, backend.stuckGate] {
            context.instruments.register(gate, owner: InstrumentOwner(.cold))
        }
    }

    public var handle: ColdStorageHandle { task.handle }

    public var id: SubsystemID { .cold }
    public var policyStep: String { policy.rawValue }

    /// Starts the task, then the workload.
    public func start() {
        task.start()
        workload.start()
    }

    /// Ends the workload and the task whatever the step (faults are released so stuck calls
    /// unwind), and waits for both.
    public func stop() async {
        await workload.stop()
        backend.releaseStuckReads()
        backend.readGate.open()
        backend.latestBlockGate.open()
        await task.terminate()
    }

    /// Every accepted write applied, failed or answered as dropped (`writeViolations`).
    public func violationsAfterStop() -> [InvariantViolation] { task.writeViolations() }

    // MARK: Operator actions

    /// `s`: the next `count` reads park in the backend until released; issues them now.
    public func injectStuckReaders(_ count: Int = 1) {
        backend.stickNextReads(count)
        for _ in 0..<count { workload.issueRead(.header(1)) }
        context.events.warn(.cold, "injected \(count) stuck reader\(count == 1 ? "" : "s")")
    }

    /// `S`.
    public func releaseStuckReaders() {
        let stuck = backend.stuckReaders
        backend.releaseStuckReads()
        context.events.info(.cold, "released \(stuck) stuck reader\(stuck == 1 ? "" : "s")")
    }

    /// `reads` reads at once, then the next block at once (PR #57's saturating-reads test).
    public func burstReadsThenWrite(_ reads: Int) {
        workload.burstReadsThenWrite(reads)
        context.events.info(.cold, "burst: \(reads) reads, then a block")
    }

    /// `b`: `latestBlock` hangs (a stuck pool connection), toggled.
    public func setBackendHung(_ hung: Bool) {
        if hung { backend.latestBlockGate.close() } else { backend.latestBlockGate.open() }
        context.events.warn(.cold, hung ? "backend latestBlock hangs" : "backend latestBlock answers again")
    }

    public var isBackendHung: Bool { !backend.latestBlockGate.isOpen }

    /// Reads parked on the stuck-reader gate now.
    public var stuckReaders: Int { backend.stuckReaders }

    /// `c`: cancels the task (its shutdown token); `snapshot().shutdown` shows whether it exits.
    public func cancelTask() {
        task.shutdown()
    }

    /// The engine's operator vocabulary, mapped onto the actions above.
    public func apply(_ action: EngineAction) {
        switch action.operation {
        case .cancel: cancelTask()
        case .fault(let fault as ColdAction):
            switch fault {
            case .injectStuckReaders(let count): injectStuckReaders(count)
            case .releaseStuckReaders: releaseStuckReaders()
            case .hangBackend(let hung): setBackendHung(hung)
            case .burstReadsThenWrite(let reads): burstReadsThenWrite(reads)
            }
        case .fault: context.events.info(.cold, "ignored \(action): not a cold storage action")
        }
    }

    // MARK: Reading

    public func snapshot() -> ColdSnapshot { task.snapshot() }

    public func stallWarnings() -> [StallWarning] { snapshot().warnings }

    /// Numbers for the run report (the engine prefixes them with `cold.`).
    public func metrics() -> [String: Double] {
        let snapshot = snapshot()
        var metrics: [String: Double] = [
            "readsServed": Double(snapshot.readsServed),
            "writesApplied": Double(snapshot.writesApplied),
            "writesAccepted": Double(snapshot.writesAccepted),
            "deadlineExpirations": Double(snapshot.deadlineExpirations),
            "streamsOpened": Double(snapshot.streamsOpened),
            "writeChannelHighWater": Double(snapshot.writeChannel.highWater),
            "readPermitsHeld": Double(snapshot.readPermits.held),
            "callersWaiting": Double(snapshot.callersWaiting),
            "terminated": snapshot.shutdown == .terminated ? 1 : 0,
        ]
        if case .draining = snapshot.writer.state { metrics["drainSeconds"] = snapshot.writer.duration.seconds }
        if let shutdown = snapshot.shutdownDuration { metrics["shutdownSeconds"] = shutdown.seconds }
        for (kind, count) in snapshot.errors { metrics["errors.\(kind)"] = Double(count) }
        return metrics
    }
}
