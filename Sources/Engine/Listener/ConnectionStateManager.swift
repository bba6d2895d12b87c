import Backpressure
import Runtime

/// Where the listener loop sends each packet: per-peer connection state plus the two handshake
/// channels. Every `trySend…` answers an explicit outcome; a full channel drops the packet (the
/// remote retries), counts it and logs at most once per `dropLogInterval`; a closed one marks the
/// peer closed, so later packets for it are dropped without touching its channel.
///
/// The methods are `async` only because the `spin-channel` design may spin inside `trySend`:
/// with bounded channels (`await-nat`, `fixed`) they never suspend.
public final class ConnectionStateManager: Sendable {
    private struct DropLog {
        var since: RuntimeInstant?
        var unlogged = 0
    }

    private struct State {
        var peerClosed: [Bool]
        var counts: [ForwardKind: ForwardCounts] = [:]
        var dropLogs: [ForwardKind: DropLog] = [:]
        /// Set while the listener awaits room in the NAT channel (`await-nat`, `spin-channel`).
        var natSendBlockedSince: RuntimeInstant?
    }

    private let peers: [PacketSink]
    public let gatewayHandshake: PacketSink
    public let natTraversal: PacketSink
    private let events: EventLog
    private let clock: RuntimeClock
    private let dropLogInterval: Duration
    private let state: LockedState<State>

    public init(
        peers: [PacketSink], gatewayHandshake: PacketSink, natTraversal: PacketSink,
        events: EventLog, clock: RuntimeClock, dropLogInterval: Duration
    ) {
        self.peers = peers
        self.gatewayHandshake = gatewayHandshake
        self.natTraversal = natTraversal
        self.events = events
        self.clock = clock
        self.dropLogInterval = dropLogInterval
        self.state = LockedState(State(peerClosed: Array(repeating: false, count: peers.count)))
    }

    public var peerCount: Int { peers.count }
    public func peerSink(_ peer: Int) -> PacketSink { peers[peer] }

    // MARK: Forwarding

    /// The peer's inbound channel; `.closed` at once if the peer is already known closed.
    public func trySendEstablished(_ packet: ListenerPacket) async throws -> ForwardOutcome {
        guard case .peer(let peer) = packet.destination else { preconditionFailure("not an established packet") }
        if state.withLock({ $0.peerClosed[peer] }) { return record(.closed, .established, peer: peer) }
        let outcome = try await peers[peer].trySend(packet, spinner: "listener try_send on peer[\(peer)].in")
        return record(outcome, .established, peer: peer)
    }

    public func trySendGatewayHandshake(_ packet: ListenerPacket) async throws -> ForwardOutcome {
        let outcome = try await gatewayHandshake.trySend(packet, spinner: "listener try_send on gateway handshake")
        return record(outcome, .gatewayHandshake, peer: nil)
    }

    public func trySendNatTraversal(_ packet: ListenerPacket) async throws -> ForwardOutcome {
        let outcome = try await natTraversal.trySend(packet, spinner: "listener try_send on nat traversal")
        return record(outcome, .natTraversal, peer: nil)
    }

    /// The pre-fix NAT forward: awaits room inside the listener loop, so a full NAT channel (its
    /// handshake task stalled) blocks forwarding for every peer. Never `.full`.
    public func sendNatTraversal(_ packet: ListenerPacket) async throws -> ForwardOutcome {
        let spinner = "listener send on nat traversal"
        let first = try await natTraversal.trySend(packet, spinner: spinner)
        guard first == .full else { return record(first, .natTraversal, peer: nil) }
        let now = clock.now
        state.withLock { $0.natSendBlockedSince = now }
        defer { state.withLock { $0.natSendBlockedSince = nil } }
        return record(try await natTraversal.send(packet, spinner: spinner), .natTraversal, peer: nil)
    }

    private func record(_ outcome: ForwardOutcome, _ kind: ForwardKind, peer: Int?) -> ForwardOutcome {
        let now = clock.now
        enum Log {
            case none
            case drops(Int, Duration)
            case peerClosed(Int)
            case consumerGone
        }
        let log: Log = state.withLock { state in
            state.counts[kind, default: ForwardCounts()].count(outcome)
            switch outcome {
            case .sent:
                return .none
            case .closed:
                if let peer {
                    guard !state.peerClosed[peer] else { return .none }
                    state.peerClosed[peer] = true
                    return .peerClosed(peer)
                }
                return state.counts[kind]?.closed == 1 ? .consumerGone : .none
            case .full:
                var drops = state.dropLogs[kind, default: DropLog()]
                drops.unlogged += 1
                defer { state.dropLogs[kind] = drops }
                if let since = drops.since, since.duration(to: now) < dropLogInterval { return .none }
                let window = drops.since.map { $0.duration(to: now) } ?? .zero
                let count = drops.unlogged
                drops.since = now
                drops.unlogged = 0
                return .drops(count, window)
            }
        }
        switch log {
        case .none: break
        case .drops(let count, let window):
            let fill = fillDescription(kind, peer: peer)
            events.warn(
                .listener,
                "dropped \(count) \(kind.rawValue) packet(s)\(window > .zero ? " in \(ListenerText.seconds(window))" : ""): \(fill) full; peers will retry"
            )
        case .peerClosed(let peer):
            events.info(.listener, "peer[\(peer)] connection closed; its packets are dropped from now on")
        case .consumerGone:
            events.warn(.listener, "\(kind.rawValue) handshake task exited; its packets are dropped")
        }
        return outcome
    }

    private func fillDescription(_ kind: ForwardKind, peer: Int?) -> String {
        let snapshot: ChannelSnapshot
        switch kind {
        case .established: snapshot = peers[peer ?? 0].snapshot()
        case .gatewayHandshake: snapshot = gatewayHandshake.snapshot()
        case .natTraversal: snapshot = natTraversal.snapshot()
        }
        return "\(snapshot.name) (\(snapshot.length + snapshot.reserved)/\(snapshot.capacity))"
    }

    // MARK: Reading

    public func counts(_ kind: ForwardKind) -> ForwardCounts {
        state.withLock { $0.counts[kind] ?? ForwardCounts() }
    }

    public func isClosed(peer: Int) -> Bool { state.withLock { $0.peerClosed[peer] } }
    public var closedPeers: Int { state.withLock { $0.peerClosed.count(where: { $0 }) } }
    public var natSendBlockedSince: RuntimeInstant? { state.withLock { $0.natSendBlockedSince } }
}
