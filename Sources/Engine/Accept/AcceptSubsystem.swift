import Backpressure
import Runtime
import Synchronization

/// Incident 4's accept path, end to end: clients, the transport handing accepted connections to
/// the node over a bounded handshake channel, and the node's accept loop registering peers
/// under the policy, spawning readers that run identity exchange, while other tasks contend
/// for the same locks.
///
/// The identity timeouts are not decided anywhere: a client's 10 s clock starts at connect, and
/// whether the node answers in time depends on how fast the accept loop drains the channel,
/// which depends on the locks.
public final class AcceptSubsystem: Sendable {
    public let context: EngineContext
    public let policy: AcceptPolicy
    public let config: AcceptConfig
    /// The fix elements this accept path runs with: its step's, less any a test withholds.
    public let fixElements: Set<AcceptFixElement>

    private let ledger = AcceptLedger()
    private let tasks: AcceptTaskSet
    private let transport: AcceptTransport
    private let node: AcceptNode
    private let random: RandomSource
    private let nextFlood = Atomic<Int>(1)

    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: AcceptPolicy, config: AcceptConfig = .default,
        withholding: Set<AcceptFixElement> = []
    ) {
        self.context = context
        self.policy = policy
        self.config = config
        self.fixElements = policy.fixElements.subtracting(withholding)
        let runtime = context.runtime
        tasks = AcceptTaskSet(runtime: runtime)
        random = runtime.random.fork("accept.clients")
        let (handshakeSender, handshakeReceiver) = BoundedChannel<InboundConnection>.make(
            name: "accept.handshake", capacity: config.handshakeChannelCapacity)
        let (eventSender, eventReceiver) = BoundedChannel<ConnectionEvent>.make(
            name: "accept.connection-events", capacity: config.connectionEventCapacity)
        transport = AcceptTransport(
            runtime: runtime, log: context.events, config: config, ledger: ledger, tasks: tasks,
            handshake: handshakeSender, events: eventSender)
        let store = PeerStore(runtime: runtime, policy: policy, config: config)
        node = AcceptNode(
            context: context, fixElements: fixElements, config: config, store: store, ledger: ledger, tasks: tasks,
            transport: transport, handshake: handshakeReceiver, events: eventReceiver)
        let owner = InstrumentOwner(.accept)
        context.instruments.register(handshakeSender.channel, owner: owner)
        context.instruments.register(eventSender.channel, owner: owner)
        if let registrations = node.registrations {
            context.instruments.register(registrations.sender.channel, owner: owner)
        }
        if let peersLock = store.peersLock { context.instruments.register(peersLock.semaphore, owner: owner) }
        if let activeLock = store.activeLock { context.instruments.register(activeLock.semaphore, owner: owner) }
        if !policy.usesAsyncLocks { context.instruments.register(store.mapHold, owner: owner) }
    }

    /// Starts the node's tasks and the ordinary background connections.
    public func start() {
        node.start()
        context.events.info(.accept, "accept path started (policy \(policy.rawValue))")
        if config.backgroundConnectionInterval > .zero {
            tasks.spawn("accept.background-clients") { [self] in await backgroundClients() }
        }
    }

    /// Ends every task of the subsystem, per-connection ones included.
    public func stop() async {
        node.close()
        await tasks.stop()
    }

    /// Tasks of the subsystem still running.
    public var runningTasks: Int { tasks.count }

    // MARK: Faults and actions

    /// Starts `clients` clients `interval` apart (key `f`), spread over `sources` remote
    /// addresses (nil: one each, so the per-source rate limit does not interfere).
    public func flood(clients: Int? = nil, interval: Duration? = nil, sources: Int? = nil) {
        let clients = clients ?? config.floodClients
        let interval = interval ?? config.floodInterval
        let sources = sources ?? clients
        precondition(clients > 0 && sources > 0, "a flood needs at least one client and one source")
        let flood = nextFlood.wrappingAdd(1, ordering: .relaxed).oldValue
        let spacing = AcceptStallDetector.format(interval)
        context.events.warn(.accept, "flood #\(flood): \(clients) clients \(spacing) apart from \(sources) sources")
        tasks.spawn("accept.flood #\(flood)") { [self] in
            for index in 0..<clients {
                let source = index % sources
                startClient(source: "10.\(flood % 250).\(source / 250 % 250).\(source % 250)")
                if interval > .zero, index < clients - 1 {
                    guard (try? await context.runtime.sleep(for: interval)) != nil else { return }
                }
            }
        }
    }

    /// Holds the peers write lock (under `fixed`: the peers map) for `duration` (key `l`).
    public func holdPeersLock(for duration: Duration? = nil) {
        let duration = duration ?? config.peersLockFaultHold
        context.events.warn(.accept, "operator holds the peers lock for \(AcceptStallDetector.format(duration))")
        tasks.spawn("accept.operator-hold") { [self] in
            try? await node.store.holdPeers(for: duration)
        }
    }

    /// Makes the node's identity check take `latency` (nil restores the configured value).
    public func slowIdentityExchange(to latency: Duration?) {
        let latency = latency ?? config.identityVerifyLatency
        node.setIdentityVerifyLatency(latency)
        context.events.warn(.accept, "identity verification now takes \(AcceptStallDetector.format(latency))")
    }

    // MARK: Reading

    /// The handshake channel alone, for the dashboard's channels panel (cheaper than `snapshot()`).
    public var handshakeChannel: ChannelSnapshot { transport.handshake.channel.snapshot() }

    public func snapshot() -> AcceptSnapshot { snapshot(refreshPercentiles: true) }

    /// `refreshPercentiles: false` reuses the locks' cached percentiles: the stall detector,
    /// sampled often, needs none of them.
    func snapshot(refreshPercentiles: Bool) -> AcceptSnapshot {
        let now = context.runtime.now
        let counts = ledger.current
        let handshake = handshakeChannel
        let store = node.store
        let awaiting = counts.handoffsInFlight + handshake.length + counts.inAcceptLoop
        let settled = counts.identityOK + counts.identityTimedOut
        var snapshot = AcceptSnapshot(
            policy: policy, at: now,
            handshakeCapacity: handshake.capacity, handshakeLength: handshake.length,
            handshakeHighWater: handshake.highWater, handshakeBlockedProducers: handshake.waitingSenders,
            handshakeFullFor: counts.handshakeFullSince.map { $0.duration(to: now) },
            connectAttempts: counts.connectAttempts, connectFailures: counts.connectFailures,
            accepted: counts.accepted, readerTasksSpawned: counts.readersSpawned,
            lostBeforeReader: counts.lostBeforeReader, rateLimited: counts.rateLimited, awaitingReader: awaiting,
            establishedEvents: counts.establishedEvents, lostEvents: counts.lostEvents,
            identityOK: counts.identityOK, identityTimedOut: counts.identityTimedOut,
            identitySuccessRatio: settled == 0 ? nil : Double(counts.identityOK) / Double(settled),
            registrationQueueLength: node.registrationBacklog,
            registrationQueueCapacity: node.registrations?.sender.channel.capacity,
            registrationsDone: counts.registrationsDone,
            peers: store.table.peerCount, activeConnections: store.table.activeCount,
            staleEntries: store.table.staleEntries,
            peersLock: store.peersLock.map { Self.lockSnapshot($0, refresh: refreshPercentiles) },
            activeConnectionsLock: store.activeLock.map { Self.lockSnapshot($0, refresh: refreshPercentiles) },
            warnings: [])
        snapshot.warnings = AcceptStallDetector(config: config, peersMapHeld: !store.mapHold.isOpen)
            .warnings(for: snapshot, ledger: counts)
        return snapshot
    }

    /// Traps if the accounting is inconsistent. Exact at idle points of a deterministic run
    /// (every accepted connection is in exactly one place); the primitives check their own.
    public func checkInvariants() {
        let counts = ledger.current
        let handshake = handshakeChannel
        precondition(
            counts.accepted == counts.readersSpawned + counts.lostBeforeReader + counts.rateLimited
                + counts.handoffsInFlight + handshake.length + counts.inAcceptLoop,
            "an accepted connection is unaccounted for")
        precondition(counts.inAcceptLoop == 0 || counts.inAcceptLoop == 1, "the accept loop holds one connection")
        precondition(handshake.waitingSenders <= counts.handoffsInFlight, "a blocked producer that is not a handoff")
        precondition(counts.identityOK + counts.identityTimedOut <= counts.accepted, "identity settled twice")
        precondition(counts.registrationsPending >= 0, "registration finished twice")
        precondition(counts.accepted + counts.connectFailures <= counts.connectAttempts, "a connect counted twice")
        transport.handshake.channel.checkInvariants()
        node.registrations?.sender.channel.checkInvariants()
        node.store.peersLock?.semaphore.checkInvariants()
        node.store.activeLock?.semaphore.checkInvariants()
    }

    private static func lockSnapshot(_ lock: AsyncWriteLock, refresh: Bool) -> AcceptLockSnapshot {
        let semaphore = lock.snapshot()
        let waiters = lock.waiters
        let (wait, hold) = lock.latencies(refresh: refresh)
        return AcceptLockSnapshot(
            name: lock.name, waiters: semaphore.waiters.count, peakWaiters: waiters.peak,
            holder: semaphore.oldestHolder?.label, heldFor: semaphore.oldestHolder?.age,
            oldestWaiter: semaphore.waiters.first?.waited,
            acceptLoopWaiting: semaphore.waiters.first { $0.label == AcceptNode.acceptLoopHolder }?.waited,
            messageHandlingWaiting: semaphore.waiters.first {
                $0.label?.hasPrefix(AcceptNode.routingHolderPrefix) == true
            }?.waited,
            registrationTasksWaiting: semaphore.waiters.count {
                $0.label?.hasPrefix(AcceptNode.registrationTaskPrefix) == true
            },
            waitP99: wait.p99, waitMax: wait.max, holdP99: hold.p99, acquisitions: semaphore.acquisitions)
    }

    // MARK: Workload

    private func startClient(source: String) {
        let client = AcceptClient(
            source: source, runtime: context.runtime, config: config, transport: transport, ledger: ledger,
            events: context.events)
        tasks.spawn("accept.client \(source)") { await client.run() }
    }

    private func backgroundClients() async {
        var index = 0
        let meanGap = config.backgroundConnectionInterval
        while (try? await context.runtime.sleep(for: random.exponential(mean: meanGap))) != nil {
            startClient(source: "192.168.\(index / 250 % 250).\(index % 250)")
            index += 1
        }
    }
}

extension AcceptSubsystem: EngineSubsystem {
    public var id: SubsystemID { .accept }
    public var policyStep: String { policy.rawValue }

    public func apply(_ action: EngineAction) {
        switch action.operation {
        case .cancel:
            context.events.warn(.accept, "operator stops the accept path")
            context.runtime.spawn("accept.cancel") { [self] in await stop() }
        case .fault(let fault as AcceptAction):
            switch fault {
            case .connectionFlood(let clients, let interval): flood(clients: clients, interval: interval)
            case .holdPeersLock(let duration): holdPeersLock(for: duration)
            }
        case .fault:
            context.events.info(.accept, "ignored \(action): not an accept-loop action")
        }
    }

    public func stallWarnings() -> [StallWarning] { snapshot(refreshPercentiles: false).warnings }

    /// Keyed without the `accept.` prefix: the engine adds it.
    public func metrics() -> [String: Double] { snapshot().metrics }
}
