import Backpressure
import Runtime
import Synchronization

/// The transport listener (see Listener/README.md): one loop takes every peer's packets off a
/// socket and forwards each to that peer's inbound channel, the gateway-handshake channel or the
/// NAT-traversal channel; a connection task per peer, a gateway-handshake task and a NAT
/// traversal task consume them; an API task shares the runtime's worker threads and answers
/// probes, so a listener that pegs those threads visibly freezes it.
///
/// Faults: `wedgeSlot` (a reservation never committed), `stallNatConsumer`, `stallPeerConsumer`,
/// `flood`. Each has its undo. `stop()` clears the faults, stops the listener, lets every
/// consumer drain what was accepted, and returns once every task has ended.
public final class ListenerSubsystem: Sendable {
    private struct State {
        var tasks: [RuntimeTask] = []
        var consumers: [RuntimeTask] = []
        var started = false
        var stopped = false
        var iterationStartedAt: RuntimeInstant?
        var iterations = 0
        var forwarded = 0
        var apiProbeSince: RuntimeInstant?
        var apiProbesAnswered = 0
        var natSessionsSucceeded = 0
        var natSessionsFailed = 0
        var wedgedPeer: Int?
        var stalledPeers: Set<Int> = []
        var natConsumerStalled = false
        var lastSample: (at: RuntimeInstant, forwarded: Int, spins: Int, drops: ListenerDrops<Int>)?
        var packetsPerSecond = 0.0
        var spinIterationsPerSecond = 0.0
        var dropsPerSecond = ListenerDrops<Double>()
    }

    public let context: EngineContext
    public let policy: ListenerPolicy
    public let config: ListenerConfig
    /// The fix elements this listener runs with: its step's, less any a test withholds.
    public let fixElements: Set<ListenerFixElement>
    public let manager: ConnectionStateManager
    /// The node runtime's worker threads: spinners hold them, API probes need one.
    public let workers: AsyncSemaphore
    public let natConsumerGate: Gate
    private let peerGates: [Gate]
    /// The peers' inbound channels as the instrument registry reads them (it holds the group
    /// weakly: the listener keeps it).
    private let peerInstruments: InstrumentGroup
    private let peerSources: [PacketSource]
    private let gatewaySource: PacketSource
    private let natSource: PacketSource
    private let backoff: SpinBackoff
    private let socket: ListenerSocket
    /// Picks the wedged peer when none is named, apart from the workload's draws.
    private let faultRandom: RandomSource
    private let loopLatency = LatencyRecorder()
    private let apiLatency = LatencyRecorder()
    private let consumedEstablished = Atomic<Int>(0)
    private let consumedGateway = Atomic<Int>(0)
    private let consumedNat = Atomic<Int>(0)
    private let state = LockedState(State())
    /// The bounded designs' wedge: a reserved slot held and never sent into; touched only by
    /// faults.
    private let heldSlot = LockedState<ChannelSlot<ListenerPacket>?>(nil)

    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: ListenerPolicy, config: ListenerConfig = .default,
        withholding: Set<ListenerFixElement> = []
    ) {
        precondition(config.peerCount > 0, "the listener needs at least one peer")
        self.context = context
        self.policy = policy
        self.config = config
        let fixElements = policy.fixElements.subtracting(withholding)
        self.fixElements = fixElements
        let runtime = context.runtime
        workers = AsyncSemaphore(
            name: "listener.runtime-workers", permits: config.runtimeWorkerThreads, timeSource: context.timeSource)
        // Virtual time must advance while spinning on the deterministic runtime; on the real
        // executor the spin burns a real thread, as the incident's did.
        let yield: SpinBackoff.Yield = runtime is DeterministicRuntime ? .virtualQuantum(config.spinQuantum) : .osYield
        let backoff = SpinBackoff(runtime: runtime, yield: yield, workers: workers)
        self.backoff = backoff
        let timeSource = context.timeSource
        natConsumerGate = Gate(name: "listener.nat-consumer")
        peerGates = (0..<config.peerCount).map { Gate(name: "listener.peer[\($0)].consumer") }
        socket = ListenerSocket(config: config, random: runtime.random.fork("listener.socket"))
        faultRandom = runtime.random.fork("listener.faults")

        func channel(_ name: String, _ capacity: Int) -> (PacketSink, PacketSource) {
            guard fixElements.contains(.nonSpinningChannels) else {
                let channel = SpinChannel<ListenerPacket>(
                    name: name, capacity: capacity, backoff: backoff, timeSource: timeSource)
                return (.spin(channel), .spin(channel))
            }
            let (sender, receiver) = BoundedChannel<ListenerPacket>.make(name: name, capacity: capacity)
            return (.bounded(sender), .bounded(receiver))
        }
        let peers = (0..<config.peerCount).map { channel("peer[\($0)].in", config.peerInboundChannelCapacity) }
        let gateway = channel("listener.gateway-handshake", config.gatewayHandshakeChannelCapacity)
        let nat = channel("listener.nat", config.natTraversalChannelCapacity)
        peerSources = peers.map(\.1)
        gatewaySource = gateway.1
        natSource = nat.1
        manager = ConnectionStateManager(
            peers: peers.map(\.0), gatewayHandshake: gateway.0, natTraversal: nat.0,
            events: context.events, clock: runtime.clock, dropLogInterval: config.dropLogInterval)

        let owner = InstrumentOwner(.listener)
        context.instruments.register(nat.0.channel, owner: owner)
        context.instruments.register(gateway.0.channel, owner: owner)
        // One registration for every peer's channel: see InstrumentGroup.
        peerInstruments = InstrumentGroup(
            peers.enumerated().map { index, peer in
                (peer.0.channel, InstrumentOwner(.listener, item: "\(index)"))
            })
        context.instruments.register(peerInstruments)
        context.instruments.register(workers, owner: owner)
        context.instruments.register(natConsumerGate, owner: owner)
    }

    private var runtime: any Runtime { context.runtime }
    private static let loopTaskName = "listener.loop"

    // MARK: Lifecycle

    /// Spawns the listener loop, the consumers, the NAT traversal, API and metrics tasks.
    public func start() {
        let fresh = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        precondition(fresh, "a listener subsystem starts once")
        var consumers: [RuntimeTask] = []
        for peer in 0..<config.peerCount {
            consumers.append(runtime.spawn("listener.peer[\(peer)]") { [self] in await consumePeer(peer) })
        }
        consumers.append(runtime.spawn("listener.gateway-handshake") { [self] in await consumeGatewayHandshakes() })
        consumers.append(runtime.spawn("listener.nat-traversal") { [self] in await traverseNat() })
        let tasks = [
            runtime.spawn(Self.loopTaskName) { [self] in await listen() },
            runtime.spawn("listener.api") { [self] in await serveApi() },
            runtime.spawn("listener.metrics") { [self] in await sampleRates() },
        ]
        state.withLock {
            $0.tasks = tasks
            $0.consumers = consumers
        }
        context.events.info(.listener, "listener started: \(config.peerCount) peers, policy \(policy.rawValue)")
    }

    /// Clears every fault, stops the listener, API and metrics tasks, closes the channels so the
    /// consumers drain what was accepted, and waits for every task to end.
    public func stop() async {
        let (tasks, consumers) = state.withLock { state in
            state.stopped = true
            return (state.tasks, state.consumers)
        }
        clearFaults()
        for task in tasks { task.cancel() }
        for task in tasks { await task.join() }
        for source in peerSources + [gatewaySource, natSource] { source.close() }
        for task in consumers { await task.join() }
        context.events.info(.listener, "listener stopped")
    }

    // MARK: Faults and actions

    /// Reserves a slot of `peer`'s inbound channel and never commits it. Under `spin-channel`
    /// every later operation on that channel spins: the listener freezes for every peer and the
    /// spinners take the runtime's workers. Under the bounded designs the channel just has one
    /// slot fewer. Returns false if a slot is already wedged or none is free.
    @discardableResult
    public func wedgeSlot(peer requested: Int? = nil) -> Bool {
        let peer = requested ?? faultRandom.int(in: 0..<config.peerCount)
        precondition((0..<config.peerCount).contains(peer), "no peer \(peer)")
        guard state.withLock({ $0.wedgedPeer == nil }) else { return false }
        let wedged: Bool
        switch manager.peerSink(peer) {
        case .spin(let channel):
            wedged = channel.wedge()
        case .bounded(let sender):
            wedged = heldSlot.withLock { held in
                guard let slot = try? sender.tryReserve() else { return false }
                held = consume slot
                return true
            }
        }
        guard wedged else { return false }
        state.withLock { $0.wedgedPeer = peer }
        context.events.warn(.listener, "injected: slot of peer[\(peer)].in reserved and never committed")
        return true
    }

    @discardableResult
    public func clearWedge() -> Bool {
        guard
            let peer = state.withLock({ state -> Int? in
                defer { state.wedgedPeer = nil }
                return state.wedgedPeer
            })
        else { return false }
        switch manager.peerSink(peer) {
        case .spin(let channel): channel.clearWedge()
        case .bounded:
            // Dropped outside the lock: returning the slot may resume a waiting sender.
            let slot = heldSlot.withLock { $0.take() }
            _ = consume slot
        }
        context.events.info(.listener, "cleared: wedged slot of peer[\(peer)].in abandoned")
        return true
    }

    /// The NAT traversal task stops taking packets, so the NAT channel fills.
    /// Whether a slot is wedged now (`w` clears it then).
    public var isSlotWedged: Bool { state.withLock { $0.wedgedPeer != nil } }

    /// Whether the NAT consumer is stalled now (`n` resumes it then).
    public var isNatConsumerStalled: Bool { state.withLock { $0.natConsumerStalled } }

    public func stallNatConsumer() {
        natConsumerGate.close()
        state.withLock { $0.natConsumerStalled = true }
        context.events.warn(.listener, "injected: nat traversal consumer stalled")
    }

    public func releaseNatConsumer() {
        natConsumerGate.open()
        state.withLock { $0.natConsumerStalled = false }
        context.events.info(.listener, "released: nat traversal consumer")
    }

    /// `peer`'s connection task stops taking packets, so its inbound channel fills.
    public func stallPeerConsumer(_ peer: Int) {
        peerGates[peer].close()
        state.withLock { _ = $0.stalledPeers.insert(peer) }
        context.events.warn(.listener, "injected: peer[\(peer)] connection consumer stalled")
    }

    public func releasePeerConsumer(_ peer: Int) {
        peerGates[peer].open()
        state.withLock { _ = $0.stalledPeers.remove(peer) }
        context.events.info(.listener, "released: peer[\(peer)] connection consumer")
    }

    /// `peer`'s connection ends: its task closes the inbound channel, drains what is buffered and
    /// exits. The listener's next forward to it answers `.closed` and marks the peer closed.
    public func closePeerConnection(_ peer: Int) {
        peerSources[peer].close()
        context.events.info(.listener, "peer[\(peer)] connection task exiting")
    }

    /// `count` packets for `destination` arrive at the socket at once (beyond its receive buffer
    /// they are lost there).
    public func flood(_ destination: ListenerPacket.Destination, packets count: Int) {
        socket.inject(destination, count: count, at: runtime.now)
        context.events.warn(.listener, "injected: flood of \(count) packets for \(destination)")
    }

    /// Cancels the listener loop alone (the operator's cancel): forwarding stops for every peer
    /// while the consumers keep draining.
    public func cancelListenerLoop() {
        let loop = state.withLock { $0.tasks.first { $0.name == Self.loopTaskName } }
        loop?.cancel()
        context.events.warn(.listener, "listener loop cancelled")
    }

    /// Undoes every fault in force.
    public func clearFaults() {
        clearWedge()
        let (nat, peers) = state.withLock { ($0.natConsumerStalled, $0.stalledPeers) }
        if nat { releaseNatConsumer() }
        for peer in peers.sorted() { releasePeerConsumer(peer) }
    }

    // MARK: Tasks

    private func listen() async {
        do {
            while true {
                let start = runtime.now
                let batch = socket.receive(at: start)
                if batch.isEmpty {
                    try await runtime.sleep(until: socket.nextTick(after: start))
                    continue
                }
                state.withLock { $0.iterationStartedAt = start }
                for packet in batch { try await forward(packet) }
                loopLatency.record(start.duration(to: runtime.now))
                state.withLock { state in
                    state.iterationStartedAt = nil
                    state.iterations += 1
                    state.forwarded += batch.count
                }
            }
        } catch {
            // Cancelled by stop(): the packet in hand was never reported sent.
        }
    }

    /// What the loop does with one packet under this policy. Under `fixed` it never waits.
    /// Throws `CancellationError` if cancelled while spinning or awaiting room.
    @discardableResult
    public func forward(_ packet: ListenerPacket) async throws -> ForwardOutcome {
        switch packet.destination {
        case .peer:
            return try await manager.trySendEstablished(packet)
        case .gatewayHandshake:
            return try await manager.trySendGatewayHandshake(packet)
        case .natTraversal:
            guard fixElements.contains(.nonBlockingNatForward) else {
                // The defect of the older steps: an awaited bounded send inside the event loop.
                return try await manager.sendNatTraversal(packet)
            }
            return try await manager.trySendNatTraversal(packet)
        }
    }

    private func consumePeer(_ peer: Int) async {
        let source = peerSources[peer]
        let spinner = "peer[\(peer)] connection recv on peer[\(peer)].in"
        do {
            while true {
                try await peerGates[peer].pass()
                guard try await source.receive(spinner: spinner) != nil else { return }
                consumedEstablished.wrappingAdd(1, ordering: .relaxed)
            }
        } catch {
            // Cancelled.
        }
    }

    private func consumeGatewayHandshakes() async {
        do {
            while try await gatewaySource.receive(spinner: "gateway handshake recv") != nil {
                consumedGateway.wrappingAdd(1, ordering: .relaxed)
            }
        } catch {
            // Cancelled.
        }
    }

    /// Traversal sessions back to back: a hole punch every `natRetryInterval`, up to
    /// `natMaxAttempts` within `natOverallDeadline`; a session succeeds when a reply arrived.
    private func traverseNat() async {
        do {
            while true {
                let start = runtime.now
                var attempts = 0
                var succeeded = false
                while attempts < config.natMaxAttempts, start.duration(to: runtime.now) < config.natOverallDeadline {
                    try await natConsumerGate.pass()
                    attempts += 1
                    var replies = 0
                    while true {
                        let (packet, finished) = try await natSource.tryReceive(spinner: "nat traversal recv")
                        if finished { return }
                        guard packet != nil else { break }
                        replies += 1
                        consumedNat.wrappingAdd(1, ordering: .relaxed)
                    }
                    if replies > 0 {
                        succeeded = true
                        break
                    }
                    try await runtime.sleep(for: config.natRetryInterval)
                }
                state.withLock { state in
                    if succeeded { state.natSessionsSucceeded += 1 } else { state.natSessionsFailed += 1 }
                }
                try await runtime.sleep(for: config.natRetryInterval)
            }
        } catch {
            // Cancelled.
        }
    }

    /// Answers a probe every `apiProbeInterval`; answering needs a worker thread.
    private func serveApi() async {
        do {
            while true {
                try await runtime.sleep(for: config.apiProbeInterval)
                let issued = runtime.now
                state.withLock { $0.apiProbeSince = issued }
                let thread = try await workers.acquireOwned()
                thread.release()
                apiLatency.record(issued.duration(to: runtime.now))
                state.withLock { state in
                    state.apiProbeSince = nil
                    state.apiProbesAnswered += 1
                }
            }
        } catch {
            // Cancelled.
        }
    }

    private func sampleRates() async {
        do {
            while true {
                try await runtime.sleep(for: config.rateSampleInterval)
                let now = runtime.now
                let spins = backoff.spinIterations
                let drops = dropTotals(at: now)
                state.withLock { state in
                    if let last = state.lastSample {
                        let interval = last.at.duration(to: now)
                        state.packetsPerSecond = Double(state.forwarded - last.forwarded) / interval.seconds
                        state.spinIterationsPerSecond = Double(spins - last.spins) / interval.seconds
                        state.dropsPerSecond = drops.rates(since: last.drops, over: interval)
                    }
                    state.lastSample = (now, state.forwarded, spins, drops)
                }
            }
        } catch {
            // Cancelled.
        }
    }

    private func dropTotals(at now: RuntimeInstant) -> ListenerDrops<Int> {
        let established = manager.counts(.established)
        let gateway = manager.counts(.gatewayHandshake)
        let nat = manager.counts(.natTraversal)
        var drops = ListenerDrops<Int>()
        drops.peerChannelFull = established.full
        drops.gatewayHandshakeFull = gateway.full
        drops.natTraversalFull = nat.full
        drops.closed = established.closed + gateway.closed + nat.closed
        drops.socketOverflow = socket.counters(at: now).overflowed
        return drops
    }

    // MARK: Reading

    public var consumed: (established: Int, gatewayHandshake: Int, natTraversal: Int) {
        (
            consumedEstablished.load(ordering: .relaxed), consumedGateway.load(ordering: .relaxed),
            consumedNat.load(ordering: .relaxed)
        )
    }

    /// Traps if a channel leaked a slot or holds more than its capacity, or if the loop's
    /// forwards and outcomes disagree. Call between iterations (the runtime idle).
    public func checkInvariants() {
        for peer in 0..<config.peerCount { manager.peerSink(peer).checkInvariants() }
        manager.gatewayHandshake.checkInvariants()
        manager.natTraversal.checkInvariants()
        workers.checkInvariants()
        let s = state.withLock { $0 }
        if s.iterationStartedAt == nil {
            let outcomes = ForwardKind.allCases.reduce(0) { $0 + manager.counts($1).attempts }
            precondition(outcomes == s.forwarded, "forwarded packets without an outcome, or outcomes without a packet")
        }
        let consumed = consumed
        precondition(consumed.established <= manager.counts(.established).sent, "consumed more than was sent")
        precondition(consumed.natTraversal <= manager.counts(.natTraversal).sent, "consumed more than was sent")
        precondition(consumed.gatewayHandshake <= manager.counts(.gatewayHandshake).sent, "consumed more than was sent")
    }

    public func snapshot() -> ListenerSnapshot {
        let now = runtime.now
        let s = state.withLock { $0 }
        let peers = (0..<config.peerCount).map { ListenerChannelFill(manager.peerSink($0).snapshot()) }
        let fullest = Self.fullest(peers, count: config.snapshotFullestPeers)
        let nat = ListenerChannelFill(manager.natTraversal.snapshot())
        let gateway = ListenerChannelFill(manager.gatewayHandshake.snapshot())
        let workerSnapshot = workers.snapshot()
        let consumed = consumed
        let socketCounters = socket.counters(at: now)
        return ListenerSnapshot(
            policy: policy, at: now, peerCount: config.peerCount, closedPeers: manager.closedPeers,
            loopIterations: s.iterations, loopLatency: loopLatency.summary,
            currentIterationFor: s.iterationStartedAt.map { $0.duration(to: now) },
            packetsArrived: socketCounters.arrived, packetsForwarded: s.forwarded, packetsPerSecond: s.packetsPerSecond,
            socketBacklog: socketCounters.buffered,
            spinIterations: backoff.spinIterations, spinIterationsPerSecond: s.spinIterationsPerSecond,
            workerThreads: config.runtimeWorkerThreads, spinners: workerSnapshot.holders.map(\.label),
            fullestPeers: fullest,
            peerChannelsOccupied: peers.reduce(0) { $0 + $1.occupied },
            peerChannelsCapacity: peers.reduce(0) { $0 + $1.capacity },
            peerChannelsFull: peers.count(where: \.isFull),
            gatewayHandshake: gateway, natTraversal: nat,
            established: manager.counts(.established),
            gatewayHandshakeForwards: manager.counts(.gatewayHandshake),
            natTraversalForwards: manager.counts(.natTraversal),
            consumedEstablished: consumed.established, consumedGatewayHandshake: consumed.gatewayHandshake,
            consumedNatTraversal: consumed.natTraversal,
            drops: dropTotals(at: now), dropsPerSecond: s.dropsPerSecond,
            natSessionsSucceeded: s.natSessionsSucceeded, natSessionsFailed: s.natSessionsFailed,
            apiProbeLatency: apiLatency.summary, apiProbesAnswered: s.apiProbesAnswered,
            apiProbeWaiting: s.apiProbeSince.map { $0.duration(to: now) },
            wedgedPeer: s.wedgedPeer, natConsumerStalled: s.natConsumerStalled, stalledPeers: s.stalledPeers.sorted(),
            warnings: warnings(now: now, state: s, nat: nat, workers: workerSnapshot))
    }

    /// The `count` fullest of `peers`, fullest first, equals in peer order: one pass keeping the
    /// leaders, not a sort of every peer on each snapshot (20,000 of them at 100x load).
    static func fullest(_ peers: [ListenerChannelFill], count: Int) -> [ListenerChannelFill] {
        guard count > 0 else { return [] }
        var leaders: [Int] = []
        leaders.reserveCapacity(count + 1)
        for (index, peer) in peers.enumerated() {
            if leaders.count == count, peer.occupied <= peers[leaders[count - 1]].occupied { continue }
            // After every leader at least as full: an earlier peer wins a tie.
            let position = leaders.firstIndex { peer.occupied > peers[$0].occupied } ?? leaders.count
            leaders.insert(index, at: position)
            if leaders.count > count { leaders.removeLast() }
        }
        return leaders.map { peers[$0] }
    }

    /// The snapshot's warnings alone: what stall detectors poll, without reading every channel.
    public func stallWarnings() -> [StallWarning] {
        warnings(
            now: runtime.now, state: state.withLock { $0 },
            nat: ListenerChannelFill(manager.natTraversal.snapshot()), workers: workers.snapshot())
    }

    private func warnings(
        now: RuntimeInstant, state: State, nat: ListenerChannelFill, workers: SemaphoreSnapshot
    ) -> [StallWarning] {
        var warnings: [StallWarning] = []
        let threshold = config.listenerBlockedWarningAfter
        if let since = manager.natSendBlockedSince, since.duration(to: now) >= threshold {
            warnings.append(
                StallWarning(
                    kind: .listenerBlocked, subsystem: .listener, since: since,
                    cause:
                        "listener blocked \(ListenerText.seconds(since.duration(to: now))) awaiting send on nat channel (\(nat.fillText)); every peer's packets wait behind it"
                ))
        }
        for holder in workers.holders where holder.age >= threshold {
            let wedged = state.wedgedPeer.map { " (slot of peer[\($0)].in reserved, never committed)" } ?? ""
            // The loop and the consumers are separate findings: the loop's spin freezes every peer.
            let kind = holder.label.hasPrefix("listener") ? StallKind.listenerSpinning : .consumerSpinning
            warnings.append(
                StallWarning(
                    kind: kind, subsystem: .listener, since: now.advanced(by: .zero - holder.age),
                    cause:
                        "\(holder.label) spinning \(ListenerText.seconds(holder.age))\(wedged), holding a runtime worker"
                ))
        }
        if let since = state.apiProbeSince, since.duration(to: now) >= config.apiUnansweredWarningAfter {
            let busy = workers.holders.map(\.label)
            let blocker =
                busy.isEmpty
                ? "no runtime worker free"
                : "runtime workers \(workers.held)/\(workers.total) taken by \(busy.joined(separator: "; "))"
            warnings.append(
                StallWarning(
                    kind: .apiUnanswered, subsystem: .listener, since: since,
                    cause: "API probe unanswered for \(ListenerText.seconds(since.duration(to: now))): \(blocker)"))
        }
        return warnings
    }
}
