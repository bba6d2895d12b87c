import Backpressure
import Runtime
import Synchronization

/// The transport side of incident 4: it completes client handshakes, counts each accepted
/// connection, and hands it to the node over the bounded handshake channel. Each handoff is a
/// producer that *awaits* the send, as saorsa-transport did: once the node's accept loop falls
/// behind, the channel fills, producers pile up, and no reader task is spawned for what they
/// carry.
final class AcceptTransport: Sendable {
    let handshake: ChannelSender<InboundConnection>
    let events: ChannelSender<ConnectionEvent>
    private let runtime: any Runtime
    private let config: AcceptConfig
    private let ledger: AcceptLedger
    private let tasks: AcceptTaskSet
    private let random: RandomSource
    private let log: EventLog
    private let nextConnectionID = Atomic<Int>(1)

    init(
        runtime: any Runtime, log: EventLog, config: AcceptConfig, ledger: AcceptLedger, tasks: AcceptTaskSet,
        handshake: ChannelSender<InboundConnection>, events: ChannelSender<ConnectionEvent>
    ) {
        self.runtime = runtime
        self.log = log
        self.config = config
        self.ledger = ledger
        self.tasks = tasks
        self.handshake = handshake
        self.events = events
        self.random = runtime.random.fork("accept.transport")
    }

    /// A client's connect: the handshake, bounded by `connectTimeout`. On success the
    /// connection is accepted and its handoff to the node starts; nil if the connect failed.
    func connect(source: String) async -> InboundConnection? {
        ledger.update { $0.connectAttempts += 1 }
        let latency = random.jitter(config.connectHandshakeLatency, spread: 0.5)
        do {
            try await withCancellingDeadline(config.connectTimeout, clock: runtime.clock) { [runtime] in
                if latency > .zero { try await runtime.sleep(for: latency) }
            }
        } catch is DeadlineExceeded {
            ledger.update { $0.connectFailures += 1 }
            return nil
        } catch {
            return nil  // cancelled: the subsystem is stopping
        }
        let id = nextConnectionID.wrappingAdd(1, ordering: .relaxed).oldValue
        let connection = InboundConnection(id: id, source: source, connectedAt: runtime.now)
        ledger.update {
            $0.accepted += 1
            $0.handoffsInFlight += 1
        }
        let spawned = tasks.spawn("accept.handoff #\(id)") { [self] in
            if await handOff(connection) { ledger.update { $0.handoffsInFlight -= 1 } }
        }
        if !spawned {
            // Stopping: the connection goes nowhere; account for it as lost on the way.
            _ = connection.close(at: runtime.now)
            ledger.update {
                $0.handoffsInFlight -= 1
                $0.lostBeforeReader += 1
            }
        }
        return connection
    }

    /// Closes a connection from either end and reports the loss to the node once.
    func close(_ connection: InboundConnection) async {
        guard connection.close(at: runtime.now) else { return }
        try? await events.send(.lost(connectionID: connection.id))
    }

    /// Returns whether the connection reached the channel.
    private func handOff(_ connection: InboundConnection) async -> Bool {
        try? await events.send(.established(connectionID: connection.id, source: connection.source))
        switch handshake.trySend(connection) {
        case .sent:
            observeHandshakeFill()
            return true
        case .closed:
            await undelivered(connection)
            return false
        case .full(let connection):
            observeHandshakeFill()
            do {
                try await handshake.send(connection)
            } catch {
                await undelivered(error.element)
                return false
            }
            observeHandshakeFill()
            return true
        }
    }

    /// The node stopped taking connections (shutdown): this one never reaches a reader.
    private func undelivered(_ connection: InboundConnection) async {
        ledger.update {
            $0.handoffsInFlight -= 1
            $0.lostBeforeReader += 1
        }
        await close(connection)
    }

    func observeHandshakeFill() {
        let snapshot = handshake.channel.snapshot()
        if ledger.observeHandshake(isFull: snapshot.isFull, at: runtime.now) {
            log.warn(
                .accept,
                "handshake channel full (\(snapshot.capacity)/\(snapshot.capacity)): transport handoffs now wait")
        }
    }
}
