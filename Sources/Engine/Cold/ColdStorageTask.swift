import Backpressure
import Runtime
import Synchronization

/// The cold storage task of incident 1: a dispatcher that runs reads concurrently under a limit
/// of `readPermits`, a writer that applies writes one at a time after draining every reader, and
/// log-stream producers under `streamSlots`. How the readers are limited and drained is the
/// policy step (`ColdPolicy`); the loops live in `ColdStorageTask+Loops.swift`, the handlers in
/// `ColdStorageTask+Handlers.swift`.
///
/// Callers talk to it through `ColdStorageHandle`. `start()` spawns it on the runtime;
/// `shutdown()` is the cancellation token of the original (the loops must notice it);
/// `terminate()` tears everything down regardless of the step, for tests and scenario ends.
public final class ColdStorageTask: Sendable {
    static let streamOperation = "streamLogs"
    static let drainLabel = "writer drain"

    public let policy: ColdPolicy
    public let config: ColdConfig
    /// The fix elements this task runs with: its step's, less any a test withholds.
    public let fixElements: Set<ColdFixElement>
    let runtime: any Runtime
    let backend: any ColdBackend
    let events: EventLog
    let instruments: InstrumentRegistry
    let readPermits: AsyncSemaphore
    let streamSlots: AsyncSemaphore
    let readSender: ChannelSender<ColdReadMessage>
    let readReceiver: ChannelReceiver<ColdReadMessage>
    /// `fixed` only: stream requests with their stream slot attached, outside the read permits.
    let streamSender: ChannelSender<ColdReadMessage>
    let streamReceiver: ChannelReceiver<ColdReadMessage>
    let writeSender: ChannelSender<ColdWriteMessage>
    let writeReceiver: ChannelReceiver<ColdWriteMessage>
    /// The cancellation token: opened once on shutdown.
    let shutdownSignal = Gate(name: "cold.shutdown", open: false)
    let handlers = ColdTaskTracker(name: "cold.handlers")
    let streams = ColdTaskTracker(name: "cold.streams")
    let ledger: ColdRequestLedger
    let stats = ColdStats()
    let progress = LockedState(ColdTaskProgress())
    private let nextID = Atomic<UInt64>(1)

    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: ColdPolicy, config: ColdConfig, backend: any ColdBackend,
        withholding: Set<ColdFixElement> = []
    ) {
        self.policy = policy
        self.config = config
        let fixElements = policy.fixElements.subtracting(withholding)
        self.fixElements = fixElements
        self.runtime = context.runtime
        self.backend = backend
        self.events = context.events
        self.instruments = context.instruments
        let time = context.timeSource
        readPermits = AsyncSemaphore(name: "cold.read-permits", permits: config.readPermits, timeSource: time)
        streamSlots = AsyncSemaphore(name: "cold.stream-slots", permits: config.streamSlots, timeSource: time)
        (readSender, readReceiver) = BoundedChannel.make(
            name: "cold.read",
            capacity: config.readChannelCapacity(attachingPermits: Self.attachesPermit(with: fixElements)))
        (streamSender, streamReceiver) = BoundedChannel.make(name: "cold.stream-requests", capacity: config.streamSlots)
        (writeSender, writeReceiver) = BoundedChannel.make(name: "cold.write", capacity: config.writeChannelCapacity)
        ledger = ColdRequestLedger(clock: context.runtime.clock)
        for instrument: any Instrumented in [readPermits, streamSlots, readSender.channel, writeSender.channel] {
            context.instruments.register(instrument, owner: InstrumentOwner(.cold))
        }
    }

    public var handle: ColdStorageHandle { ColdStorageHandle(task: self) }

    /// Whether callers acquire their read permit and send it with the request; without the
    /// semaphore there is no permit to attach.
    static func attachesPermit(with elements: Set<ColdFixElement>) -> Bool {
        elements.isSuperset(of: [.readSemaphore, .permitAttachedByCaller])
    }

    var attachesPermit: Bool { Self.attachesPermit(with: fixElements) }

    func makeID() -> UInt64 { nextID.wrappingAdd(1, ordering: .relaxed).oldValue }

    // MARK: Life cycle

    /// Spawns the task on the runtime. Once only.
    public func start() {
        let now = runtime.now
        let fresh = progress.withLock { progress -> Bool in
            guard progress.phase == .notStarted else { return false }
            progress.phase = .running
            progress.writerSince = now
            progress.dispatcherSince = now
            return true
        }
        precondition(fresh, "a cold storage task starts once")
        let task = runtime.spawn("cold.task") { [self] in
            await run()
        }
        progress.withLock { $0.mainTask = task }
        events.info(.cold, "cold storage task started (policy \(policy.rawValue))")
    }

    /// Cancels the task the way the original's cancellation token does: the loops see it only
    /// where they select on it. Returns at once; `isTerminated` tells when it exited.
    public func shutdown() {
        let now = runtime.now
        let first = progress.withLock { progress -> Bool in
            guard progress.shutdownRequestedAt == nil else { return false }
            progress.shutdownRequestedAt = now
            if progress.phase == .running { progress.phase = .shuttingDown }
            return true
        }
        guard first else { return }
        events.warn(.cold, "cold storage task cancelled: shutting down")
        shutdownSignal.open()
    }

    public var isTerminated: Bool { progress.withLock { $0.phase == .terminated } }

    /// Ends everything whatever the step: cancels the task and its handlers, closes the
    /// semaphores (failing waiting acquirers and the `semaphore` step's detached drain) and the
    /// channels, and waits for the task to exit. Stuck backend calls must be cancellable or
    /// released by the caller (the subsystem opens its fault gates first).
    public func terminate() async {
        shutdown()
        readPermits.close()
        streamSlots.close()
        handlers.cancelAll()
        streams.cancelAll()
        let task = progress.withLock { $0.mainTask }
        task?.cancel()
        readReceiver.close()
        streamReceiver.close()
        writeReceiver.close()
        await task?.join()
        if task == nil { await finish() }
    }

    // MARK: Progress

    func setWriter(_ state: ColdWriterState, write: UInt64? = nil) {
        let now = runtime.now
        progress.withLock { progress in
            guard progress.writer != state else { return }
            progress.writer = state
            progress.writerSince = now
            progress.writeInProgress = write
        }
    }

    func setDispatcher(_ state: ColdDispatcherState) {
        let now = runtime.now
        progress.withLock { progress in
            guard progress.dispatcher != state else { return }
            progress.dispatcher = state
            progress.dispatcherSince = now
        }
    }

    /// Runs `operation` until it returns or the shutdown token fires (nil): the cancellable
    /// waits of the later steps. Whatever the operation produced after losing the race is
    /// dropped, which returns a permit or answers a request with `taskTerminated`.
    func untilShutdown<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T?) async -> T? {
        if shutdownSignal.isOpen { return nil }
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { try? await operation() }
            group.addTask { [shutdownSignal] in
                try? await shutdownSignal.pass()
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return shutdownSignal.isOpen ? nil : first
        }
    }
}
