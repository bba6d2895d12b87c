import Backpressure
import DequeModule
import Runtime

/// The listener's UDP socket, simulated: packets arrive at the configured rates whether or not
/// the listener is reading, wait in a bounded receive buffer (the kernel's), and are lost beyond
/// it. Arrivals are generated lazily, per tick, when the listener reads, so a frozen listener
/// costs nothing to simulate and a thawed one finds the backlog a real socket would hold.
final class ListenerSocket: Sendable {
    private struct State {
        var buffer = Deque<ListenerPacket>()
        /// Arrivals have been generated for every tick up to here.
        var generatedUntil = RuntimeInstant.start
        /// Fractional arrivals carried to the next tick, per kind, so rates are exact over time.
        var peerCarry = 0.0
        var gatewayCarry = 0.0
        var natCarry = 0.0
        var nextSequence: UInt64 = 0
        var arrived = 0
        var overflowed = 0
        var delivered = 0
    }

    private let config: ListenerConfig
    private let random: RandomSource
    private let state = LockedState(State())

    init(config: ListenerConfig, random: RandomSource) {
        self.config = config
        self.random = random
    }

    /// Up to `listenerBatchPackets` packets that arrived by `now`, oldest first.
    func receive(at now: RuntimeInstant) -> [ListenerPacket] {
        state.withLock { state in
            generate(&state, until: now)
            let count = min(config.listenerBatchPackets, state.buffer.count)
            let batch = Array(state.buffer.prefix(count))
            state.buffer.removeFirst(count)
            state.delivered += count
            return batch
        }
    }

    /// The next tick after `now`: when the socket may next become readable.
    func nextTick(after now: RuntimeInstant) -> RuntimeInstant {
        let tick = config.socketTickInterval.nanoseconds
        let ticks = now.sinceStart.nanoseconds / tick + 1
        return RuntimeInstant(sinceStart: .nanoseconds(ticks * tick))
    }

    /// A flood: `count` packets for `destination` arrive at once.
    func inject(_ destination: ListenerPacket.Destination, count: Int, at now: RuntimeInstant) {
        state.withLock { state in
            generate(&state, until: now)
            for _ in 0..<count { arrive(&state, destination) }
        }
    }

    /// What has arrived by `now`, what was lost to the full buffer, and what waits in it.
    /// Generating here is safe: the arrivals of a tick are the same whoever generates them first.
    func counters(at now: RuntimeInstant) -> (arrived: Int, overflowed: Int, buffered: Int) {
        state.withLock { state in
            generate(&state, until: now)
            return (state.arrived, state.overflowed, state.buffer.count)
        }
    }

    private func generate(_ state: inout State, until now: RuntimeInstant) {
        let tick = config.socketTickInterval
        while state.generatedUntil.advanced(by: tick) <= now {
            state.generatedUntil = state.generatedUntil.advanced(by: tick)
            let seconds = tick.seconds
            let peers = take(&state.peerCarry, Double(config.peerCount) * config.peerPacketRatePerSecond * seconds)
            let gateway = take(&state.gatewayCarry, config.gatewayHandshakeRatePerSecond * seconds)
            let nat = take(&state.natCarry, config.natTraversalPacketRatePerSecond * seconds)
            for _ in 0..<peers { arrive(&state, .peer(random.int(in: 0..<config.peerCount))) }
            for _ in 0..<gateway { arrive(&state, .gatewayHandshake) }
            for _ in 0..<nat { arrive(&state, .natTraversal) }
        }
    }

    private func take(_ carry: inout Double, _ expected: Double) -> Int {
        carry += expected
        let whole = Int(carry)
        carry -= Double(whole)
        return whole
    }

    private func arrive(_ state: inout State, _ destination: ListenerPacket.Destination) {
        state.arrived += 1
        guard state.buffer.count < config.socketReceiveBufferPackets else {
            state.overflowed += 1
            return
        }
        state.buffer.append(ListenerPacket(sequence: state.nextSequence, destination: destination))
        state.nextSequence += 1
    }
}
