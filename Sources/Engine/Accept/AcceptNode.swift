import Backpressure
import Runtime

/// The node side of incident 4: the accept loop draining the handshake channel, registration
/// as the policy does it, the per-connection reader running identity exchange, the lifecycle
/// monitor applying lost events, and the other tasks on the same locks (maintenance scan,
/// routing lookups).
final class AcceptNode: Sendable {
    static let acceptLoopHolder = "accept loop"
    static let consumerHolder = "registration consumer"
    static let monitorHolder = "lifecycle monitor"
    static let routingHolderPrefix = "routing lookup"
    static let registrationTaskPrefix = "registration #"

    private let context: EngineContext
    private let fixElements: Set<AcceptFixElement>
    private let config: AcceptConfig
    let store: PeerStore
    private let ledger: AcceptLedger
    private let tasks: AcceptTaskSet
    private let transport: AcceptTransport
    private let rateLimiter: SourceRateLimiter
    private let handshake: ChannelReceiver<InboundConnection>
    private let events: ChannelReceiver<ConnectionEvent>
    /// `fixed` only (serialized registration, or losses after registration): the registration
    /// queue and its single consumer's end.
    let registrations: (sender: ChannelSender<RegistrationItem>, receiver: ChannelReceiver<RegistrationItem>)?
    /// The node's identity check time; the slow-identity fault raises it.
    private let identityVerifyLatency: LockedState<Duration>

    init(
        context: EngineContext, fixElements: Set<AcceptFixElement>, config: AcceptConfig, store: PeerStore,
        ledger: AcceptLedger, tasks: AcceptTaskSet, transport: AcceptTransport,
        handshake: ChannelReceiver<InboundConnection>, events: ChannelReceiver<ConnectionEvent>
    ) {
        self.context = context
        self.fixElements = fixElements
        self.config = config
        self.store = store
        self.ledger = ledger
        self.tasks = tasks
        self.transport = transport
        self.handshake = handshake
        self.events = events
        self.rateLimiter = SourceRateLimiter(limit: config.rateLimitPerSource, window: config.rateLimitWindow)
        self.identityVerifyLatency = LockedState(config.identityVerifyLatency)
        if !fixElements.isDisjoint(with: [.serializedRegistration, .lossAfterRegistration]) {
            let (sender, receiver) = BoundedChannel<RegistrationItem>.make(
                name: "accept.registration", capacity: config.registrationQueueCapacity)
            registrations = (sender, receiver)
        } else {
            registrations = nil
        }
    }

    private var runtime: any Runtime { context.runtime }

    func start() {
        tasks.spawn("accept.loop") { [self] in await acceptLoop() }
        tasks.spawn("accept.lifecycle") { [self] in await lifecycleMonitor() }
        tasks.spawn("accept.maintenance") { [self] in await maintenance() }
        for worker in 0..<config.routingWorkers {
            tasks.spawn("accept.routing #\(worker)") { [self] in await routing(worker: worker) }
        }
        if registrations != nil {
            tasks.spawn("accept.registration-consumer") { [self] in await registrationConsumer() }
        }
    }

    /// Closes what the node's tasks wait on, so they end.
    func close() {
        handshake.close()
        events.close()
        registrations?.receiver.close()
        store.close()
    }

    var currentIdentityVerifyLatency: Duration { identityVerifyLatency.withLock { $0 } }

    func setIdentityVerifyLatency(_ latency: Duration) {
        identityVerifyLatency.withLock { $0 = latency }
    }

    // MARK: Accept loop

    private func acceptLoop() async {
        while let connection = try? await handshake.receive() {
            // In the loop's hands until it is done with it; the accounting invariant counts it.
            ledger.update { $0.inAcceptLoop = 1 }
            defer { ledger.update { $0.inAcceptLoop = 0 } }
            transport.observeHandshakeFill()
            guard connection.isOpen else {
                // Accepted by the transport, lost while queued: it never gets a reader. The
                // incident's 7,253 accepted vs 6,174 readers.
                ledger.update { $0.lostBeforeReader += 1 }
                continue
            }
            guard rateLimiter.admit(connection.source, at: runtime.now) else {
                // Counted as refused before the close suspends, so it is in one place only.
                ledger.update {
                    $0.rateLimited += 1
                    $0.inAcceptLoop = 0
                }
                await transport.close(connection)
                continue
            }
            if !fixElements.contains(.offLoopRegistration) {
                // Both write locks on the hot path: every wait here is a wait the handshake
                // channel cannot be drained.
                do {
                    try await passMapHold()
                    try await register(connection, holder: Self.acceptLoopHolder)
                } catch {
                    ledger.update { $0.lostBeforeReader += 1 }
                    return
                }
            } else if fixElements.contains(.serializedRegistration), let queue = registrations?.sender {
                // Checked open above with no suspension since, so this registration is queued
                // before any lost event for the connection.
                observeRegistrationQueue()
                do {
                    try await queue.send(.register(connection))
                } catch {
                    ledger.update { $0.lostBeforeReader += 1 }
                    return
                }
                observeRegistrationQueue()
            } else {
                ledger.update { $0.registrationsPending += 1 }
                tasks.spawn("accept.register #\(connection.id)") { [self] in
                    do {
                        try await passMapHold()
                        try await register(connection, holder: "\(Self.registrationTaskPrefix)\(connection.id)")
                    } catch {
                        // Cancelled, or the locks closed: the subsystem is stopping.
                    }
                    ledger.update { $0.registrationsPending -= 1 }
                }
            }
            spawnReader(connection)
        }
    }

    /// Registration on the lock-free map waits while the operator holds the map (`fixed`'s
    /// consumer does so itself); removals do not, the map being concurrent. A no-op behind async
    /// locks, where the hold takes the `peers` lock instead.
    private func passMapHold() async throws {
        if store.peersLock == nil { try await store.mapHold.pass() }
    }

    private func register(_ connection: InboundConnection, holder: String) async throws {
        try await store.register(connection, holder: holder)
        ledger.update { $0.registrationsDone += 1 }
        noteIfStale(connection.id)
    }

    private func forget(_ connectionID: Int, holder: String) async throws {
        try await store.forget(connectionID, holder: holder)
        noteIfStale(connectionID)
    }

    /// A stale entry appears either when a registration lands after the loss was handled, or
    /// when the loss finishes while a registration's insert slipped in between its two
    /// removals (the two paths take the locks in opposite orders).
    private func noteIfStale(_ connectionID: Int) {
        guard store.table.isStale(connectionID) else { return }
        ledger.staleEntryCreated(at: runtime.now)
        context.events.warn(
            .accept, "stale entry for conn #\(connectionID): registered after its lost event was handled")
    }

    // MARK: Reader

    private func spawnReader(_ connection: InboundConnection) {
        ledger.update { $0.readersSpawned += 1 }
        tasks.spawn("accept.reader #\(connection.id)") { [self] in
            await reader(connection)
        }
    }

    /// Identity exchange, then reading until the connection closes. The client sent its
    /// identity at connect and started its timeout then; whatever delayed this task's spawn
    /// already counts against it.
    private func reader(_ connection: InboundConnection) async {
        do {
            guard connection.isOpen else { return }
            let verify = currentIdentityVerifyLatency
            if verify > .zero { try await runtime.sleep(for: verify) }
            guard connection.isOpen else { return }
            try await store.recordIdentity(connection, holder: "reader #\(connection.id)")
            guard connection.acknowledgeIdentity() else { return }
            try await connection.closedSignal.pass()
        } catch {
            return  // cancelled or the locks closed: the subsystem is stopping
        }
    }

    // MARK: Lifecycle, registration consumer, other lock users

    private func lifecycleMonitor() async {
        while let event = try? await events.receive() {
            switch event {
            case .established:
                ledger.update { $0.establishedEvents += 1 }
            case .lost(let connectionID):
                ledger.update { $0.lostEvents += 1 }
                do {
                    if fixElements.contains(.lossAfterRegistration), let queue = registrations?.sender {
                        // Same queue, same consumer, after the registration it undoes.
                        observeRegistrationQueue()
                        try await queue.send(.lost(connectionID: connectionID))
                    } else {
                        try await forget(connectionID, holder: Self.monitorHolder)
                    }
                } catch {
                    return
                }
            }
        }
    }

    private func registrationConsumer() async {
        guard let queue = registrations?.receiver else { return }
        while let item = try? await queue.receive() {
            do {
                switch item {
                case .register(let connection):
                    try await store.mapHold.pass()
                    try await register(connection, holder: Self.consumerHolder)
                case .lost(let connectionID):
                    try await forget(connectionID, holder: Self.consumerHolder)
                }
            } catch {
                return
            }
            observeRegistrationQueue()
        }
    }

    private func observeRegistrationQueue() {
        guard let queue = registrations?.sender.channel else { return }
        ledger.observeRegistrationQueue(isFull: queue.snapshot().isFull, at: runtime.now)
    }

    /// Registration work not yet done: queued items (`fixed`) or pending tasks (`spawn`).
    var registrationBacklog: Int {
        if let registrations { return registrations.sender.channel.count }
        return ledger.current.registrationsPending
    }

    private func maintenance() async {
        do {
            while true {
                try await runtime.sleep(for: config.maintenanceInterval)
                try await store.maintenanceScan()
            }
        } catch {
            return
        }
    }

    private func routing(worker: Int) async {
        let random = runtime.random.fork("accept.routing.\(worker)")
        let holder = "\(Self.routingHolderPrefix) #\(worker)"
        do {
            while true {
                try await runtime.sleep(for: random.exponential(mean: config.routingLookupInterval))
                try await store.routingLookup(holder: holder)
            }
        } catch {
            return
        }
    }
}
