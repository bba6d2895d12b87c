import Backpressure
import Runtime

/// Hop `index` of the chain: the link from node `index - 1` into node `index`, the connection
/// currently carrying it, and node `index`'s inbound buffer of every stream seen on it.
final class RelayHop: Sendable {
    let index: Int

    private struct State {
        var connection: RelayConnection
        var inbound: [Int: FragmentBuffer] = [:]
        var slowdownFactor = 1
        var drops = 0
        var migrations = 0
    }

    private let state: LockedState<State>
    private let random: RandomSource

    init(index: Int, random: RandomSource) {
        self.index = index
        self.random = random
        self.state = LockedState(State(connection: RelayConnection(serial: 1)))
    }

    /// How long sending `bytes` over this hop takes: latency, seeded jitter and serialisation at
    /// the hop's rate, all times the slowdown a fault set.
    func transmitDelay(bytes: Int, config: RelayConfig) -> Duration {
        let factor = state.withLock { $0.slowdownFactor }
        let jitter = config.hopJitterMilliseconds > 0 ? random.int(in: 0...config.hopJitterMilliseconds * 1_000) : 0
        let serialisation = Duration.seconds(Double(bytes) / Double(config.hopRateBytesPerSecond))
        return (config.hopLatency + .microseconds(jitter) + serialisation) * factor
    }

    /// Where an arriving fragment of `streamID` goes: the handle of the current connection and
    /// whether the stream is new at this node (then `buffer` was created for it).
    func arrival(
        of streamID: Int, makeBuffer: () -> FragmentBuffer, elements: Set<RelayFixElement>
    ) -> (handle: StreamHandle, isNew: Bool) {
        let (connection, buffer, isNew) = state.withLock { state in
            if let buffer = state.inbound[streamID] { return (state.connection, buffer, false) }
            let buffer = makeBuffer()
            state.inbound[streamID] = buffer
            return (state.connection, buffer, true)
        }
        return (connection.handle(for: streamID, buffer: buffer, elements: elements), isNew)
    }

    /// Drops the current connection (cancelling its handles) and opens the next one, which
    /// carries the rest of every stream. Returns how many live handles were cancelled.
    func dropConnection(because reason: String) -> Int {
        let dropped = replaceConnection { $0.drops += 1 }
        return dropped.drop(because: reason)
    }

    /// Hands the hop over to a new connection without cancelling anything (the peer moved to a
    /// new connection, say after a NAT rebinding): later fragments arrive through new handles.
    func migrateConnection() {
        _ = replaceConnection { $0.migrations += 1 }
    }

    private func replaceConnection(_ count: (inout State) -> Void) -> RelayConnection {
        state.withLock { state in
            count(&state)
            let old = state.connection
            state.connection = RelayConnection(serial: old.serial + 1)
            return old
        }
    }

    func setSlowdown(factor: Int) {
        precondition(factor >= 1, "a slowdown factor is at least 1")
        state.withLock { $0.slowdownFactor = factor }
    }

    /// Forgets a finished stream at this node.
    func release(_ streamID: Int) {
        let connection = state.withLock { state in
            state.inbound[streamID] = nil
            return state.connection
        }
        connection.release(streamID)
    }

    var slowdownFactor: Int { state.withLock { $0.slowdownFactor } }
    var drops: Int { state.withLock { $0.drops } }
    var migrations: Int { state.withLock { $0.migrations } }
}
