import Backpressure
import Runtime

/// Everything the subsystem tracks about one stream across the chain: the payload, each node's
/// buffer, what each relay forwarded and is doing, and the outcome at the receiver.
///
/// Node 0 is the source; nodes 1..<hopCount are relays; node `hopCount` is the receiver.
final class RelayStreamRecord: Sendable {
    let id: Int
    let payload: [UInt8]
    let fragmentCount: Int
    let hopCount: Int
    let startedAt: RuntimeInstant

    enum Outcome: Sendable, Equatable {
        case done(at: RuntimeInstant)
        case failed(String, at: RuntimeInstant)
    }

    private struct State {
        /// Node `k`'s inbound buffer, once the stream has reached it (index 0 unused).
        var buffers: [FragmentBuffer?]
        /// Fragments sent onward by node `k` (the source is node 0).
        var forwarded: [Int]
        var phases: [RelayHopPhase]
        var lastFragmentAt: RuntimeInstant
        var outcome: Outcome?
        /// Per-node contiguous bytes and fragments, frozen when the stream ends so its buffers
        /// (a payload per hop) can go while the record stays listed.
        var final: (bytes: [Int], fragments: [Int])?
    }

    private let state: LockedState<State>

    init(id: Int, payload: [UInt8], fragmentPayloadBytes: Int, hopCount: Int, startedAt: RuntimeInstant) {
        self.id = id
        self.payload = payload
        self.fragmentCount = (payload.count + fragmentPayloadBytes - 1) / fragmentPayloadBytes
        self.hopCount = hopCount
        self.startedAt = startedAt
        state = LockedState(
            State(
                buffers: Array(repeating: nil, count: hopCount + 1),
                forwarded: Array(repeating: 0, count: hopCount + 1),
                phases: Array(repeating: .idle, count: hopCount + 1),
                lastFragmentAt: startedAt))
    }

    func attach(_ buffer: FragmentBuffer, atNode node: Int) {
        state.withLock { state in
            if state.outcome == nil { state.buffers[node] = buffer }
        }
    }

    func noteArrival(at instant: RuntimeInstant) {
        state.withLock { $0.lastFragmentAt = instant }
    }

    func noteForwarded(byNode node: Int, count: Int) {
        state.withLock { state in
            assert(count == state.forwarded[node] + 1, "a node forwards its fragments once, in order")
            state.forwarded[node] = count
        }
    }

    func setPhase(_ phase: RelayHopPhase, atNode node: Int) {
        state.withLock { $0.phases[node] = phase }
    }

    /// Records how the stream ended and lets its buffers go; the first outcome wins. Returns
    /// whether this one did.
    func finish(_ outcome: Outcome) -> Bool {
        state.withLock { state in
            guard state.outcome == nil else { return false }
            state.outcome = outcome
            state.final = (state.buffers.map { $0?.contiguousBytes ?? 0 }, state.buffers.map { $0?.frontier ?? 0 })
            state.buffers = state.buffers.map { _ in nil }
            return true
        }
    }

    var outcome: Outcome? { state.withLock { $0.outcome } }
    var lastFragmentAt: RuntimeInstant { state.withLock { $0.lastFragmentAt } }

    func checkBufferInvariants() {
        for buffer in state.withLock({ $0.buffers }) { buffer?.checkInvariants() }
    }

    /// A consistent copy for snapshots: counters under the lock, buffer readings after it.
    func reading() -> RelayStreamReading {
        let copy = state.withLock { state in
            (state.buffers, state.final, state.forwarded, state.phases, state.lastFragmentAt, state.outcome)
        }
        return RelayStreamReading(
            bytesPerNode: copy.1?.bytes ?? copy.0.map { $0?.contiguousBytes ?? 0 },
            fragmentsPerNode: copy.1?.fragments ?? copy.0.map { $0?.frontier ?? 0 },
            forwarded: copy.2, phases: copy.3, lastFragmentAt: copy.4, outcome: copy.5)
    }
}
