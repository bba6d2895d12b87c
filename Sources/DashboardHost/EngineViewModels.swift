import Backpressure
import DashboardModel
import Engine
import Runtime

/// The subsystem panels' view models, read from the engine's subsystem snapshots. A subsystem
/// that is not running leaves its panel nil (not drawn).
struct EngineViewModels {
    var writer: WriterViewModel?
    var streams: StreamsViewModel?
    var trust: TrustViewModel?
    var transport: TransportViewModel?

    /// `trust` and `transport` are read by the caller (`trust(_:)`, `transport(_:)`), which may
    /// keep them between frames (`ThrottledFigure`).
    init(engine: Engine, now: RuntimeInstant, trust: TrustViewModel?, transport: TransportViewModel?) {
        let cold = (engine.subsystem(.cold) as? ColdSubsystem)?.snapshot()
        let relay = (engine.subsystem(.relay) as? RelaySubsystem)?.snapshot()

        if let cold { writer = Self.writer(cold) }
        var rows: [StreamRow] = []
        if let relay { rows += relay.streams.map(Self.streamRow) }
        if let cold { rows += cold.requests.filter(\.isStream).map { Self.streamRow($0, at: cold.at) } }
        if relay != nil || cold != nil {
            streams = StreamsViewModel(rows: rows, owner: InstrumentOwner(relay != nil ? .relay : .cold))
        }
        self.trust = trust
        self.transport = transport
    }

    /// The trust panel, or nil when the trust store is not running.
    static func trust(_ engine: Engine) -> TrustViewModel? {
        (engine.subsystem(.trust) as? TrustSubsystem).map { trust($0.snapshot(latencies: shownTrustLatencies)) }
    }

    /// The trust latencies the panel shows (`trust(_:)` below).
    static let shownTrustLatencies: TrustLatencies = [.fsync, .lockHold]

    /// The transport panel (listener and accept loop), or nil when neither is running.
    static func transport(_ engine: Engine) -> TransportViewModel? {
        let listener = (engine.subsystem(.listener) as? ListenerSubsystem)?.snapshot()
        let accept = (engine.subsystem(.accept) as? AcceptSubsystem)?.snapshot()
        return listener == nil && accept == nil ? nil : transport(listener, accept)
    }

    static func writer(_ cold: ColdSnapshot) -> WriterViewModel {
        let (state, drained, target): (String, Int, Int) = switch cold.writer.state {
        case .idle: ("IDLE", 0, 0)
        case .waitingForWrite: ("WAITING", 0, 0)
        case .draining(let collected, let required): ("DRAINING", collected, required)
        case .writing(let what): ("WRITING \(what)", 0, 0)
        case .cancelled: ("CANCELLED", 0, 0)
        }
        let blocker = cold.writer.blockedBy.first.map { holder in
            [holder.label, holder.activity ?? holder.operation].compactMap { $0 }.joined(separator: ": ")
        }
        return WriterViewModel(
            state: state, drained: drained, drainTarget: target, blockedBy: blocker, stateFor: cold.writer.duration,
            lastWriteAgo: cold.writer.lastWriteAt.map { $0.duration(to: cold.at) },
            queueLength: cold.writeChannel.length, queueCapacity: cold.writeChannel.capacity, owner: InstrumentOwner(.cold))
    }

    static func streamRow(_ stream: RelayStreamSnapshot) -> StreamRow {
        let state: StreamState = switch stream.state {
        case .flowing: .active
        case .stalled: .stalled
        case .done: .done
        case .failed: .failed
        }
        return StreamRow(
            id: "s\(stream.id)", kind: "relay", hopsDone: stream.hopsDone, hopsTotal: stream.hopsTotal,
            bytes: stream.bytesDeliveredPerHop.last ?? 0, totalBytes: stream.payloadBytes,
            idleFor: stream.sinceLastFragment, state: state, detail: stream.state.description,
            owner: InstrumentOwner(.relay, item: "\(stream.id)"))
    }

    /// A cold log stream, from its setup (waiting for a slot, asking the backend for the tip)
    /// to its last log.
    static func streamRow(_ request: ColdRequestRecord, at now: RuntimeInstant) -> StreamRow {
        StreamRow(
            id: "#\(request.id)", kind: "cold", hopsDone: 0, hopsTotal: 0, bytes: request.logsSent, totalBytes: nil,
            idleFor: (request.lastLogAt ?? request.stateSince).duration(to: now), state: .active,
            detail: request.activity, unit: "logs",
            owner: InstrumentOwner(.cold, item: "#\(request.id)"))
    }

    static func trust(_ trust: TrustSnapshot) -> TrustViewModel {
        TrustViewModel(
            persistenceLag: trust.dirtyFor, coalescedMutations: trust.coalescedPending,
            fsync: LatencyFigures(trust.fsyncDuration), lockHold: LatencyFigures(trust.lockHold),
            saves: trust.saves, saveFailures: trust.saveFailures, diskLatency: trust.fsyncLatency,
            unsavedAtStop: trust.changesLostAtStop, owner: InstrumentOwner(.trust))
    }

    static func transport(_ listener: ListenerSnapshot?, _ accept: AcceptSnapshot?) -> TransportViewModel {
        TransportViewModel(
            loopLatency: listener.map { LatencyFigures($0.loopLatency) } ?? .empty,
            spinPerSecond: listener?.spinIterationsPerSecond ?? 0,
            handshakeBacklog: accept?.handshakeLength ?? 0, handshakeCapacity: accept?.handshakeCapacity ?? 0,
            identityExchangeSucceeded: accept?.identityOK ?? 0, identityExchangeFailed: accept?.identityTimedOut ?? 0,
            wedgedSlots: listener?.wedgedPeer == nil ? 0 : 1,
            natQueueLength: listener?.natTraversal.occupied ?? 0, natQueueCapacity: listener?.natTraversal.capacity ?? 0,
            // `inline` registers in the accept loop itself: nothing queues.
            registrationBacklog: accept.flatMap { $0.policy == .inline ? nil : $0.registrationQueueLength },
            registrationCapacity: accept?.registrationQueueCapacity,
            peersLock: accept?.peersLock.map { LockHolding(holder: $0.holder, heldFor: $0.heldFor, waiters: $0.waiters) },
            owner: InstrumentOwner(.listener))
    }
}
