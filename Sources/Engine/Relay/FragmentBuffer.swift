import Backpressure

/// The fragments of one stream at one node, shared by every handle on the stream (the original,
/// its forks and handles attached by later connections).
///
/// Fragments may arrive in any order; the frontier is the length of the contiguous run from
/// fragment 0, which is what readers consume. Every insert fires `dataAvailable`, whoever
/// pushed: the notification path that reaches every reader once readers listen to it (`buffer-event`).
public final class FragmentBuffer: Sendable {
    public let fragmentCount: Int
    public let totalBytes: Int

    private struct State {
        var slots: [StreamFragment?]
        var frontier = 0
        var insertedFragments = 0
        var contiguousBytes = 0
    }

    private let state: LockedState<State>
    let dataAvailable = WakeupList()

    public init(totalBytes: Int, fragmentPayloadBytes: Int) {
        precondition(totalBytes >= 0 && fragmentPayloadBytes > 0, "a stream has a size and a fragment size")
        self.totalBytes = totalBytes
        self.fragmentCount = (totalBytes + fragmentPayloadBytes - 1) / fragmentPayloadBytes
        self.state = LockedState(State(slots: Array(repeating: nil, count: fragmentCount)))
    }

    /// Stores `fragment` (a duplicate is ignored) and fires `dataAvailable`. Returns whether it
    /// was new.
    @discardableResult
    func insert(_ fragment: StreamFragment) -> Bool {
        precondition(fragment.index < fragmentCount, "fragment \(fragment.index) beyond the stream's \(fragmentCount)")
        let inserted = state.withLock { state -> Bool in
            guard state.slots[fragment.index] == nil else { return false }
            state.slots[fragment.index] = fragment
            state.insertedFragments += 1
            while state.frontier < fragmentCount, let next = state.slots[state.frontier] {
                state.contiguousBytes += next.bytes.count
                state.frontier += 1
            }
            assert(state.frontier <= state.insertedFragments, "the frontier only covers inserted fragments")
            return true
        }
        if inserted { dataAvailable.notifyAll() }
        return inserted
    }

    /// The fragment at `index` once it is within the frontier.
    func fragment(at index: Int) -> StreamFragment? {
        state.withLock { state in index < state.frontier ? state.slots[index] : nil }
    }

    /// Checks that the frontier is exactly the contiguous run of present fragments and that its
    /// byte count matches them. Cheap enough for tests and debug assertions.
    public func checkInvariants() {
        state.withLock { state in
            precondition(state.frontier <= fragmentCount, "frontier beyond the stream")
            precondition(state.slots[..<state.frontier].allSatisfy { $0 != nil }, "a gap behind the frontier")
            precondition(
                state.frontier == fragmentCount || state.slots[state.frontier] == nil, "frontier stopped short")
            precondition(state.slots.compactMap { $0 }.count == state.insertedFragments, "inserted count drifted")
            let bytes = state.slots[..<state.frontier].reduce(0) { $0 + ($1?.bytes.count ?? 0) }
            precondition(bytes == state.contiguousBytes, "contiguous bytes drifted")
        }
    }

    /// Fragments 0..<frontier are all present.
    public var frontier: Int { state.withLock { $0.frontier } }
    public var contiguousBytes: Int { state.withLock { $0.contiguousBytes } }
    public var insertedFragments: Int { state.withLock { $0.insertedFragments } }
    public var isComplete: Bool { frontier == fragmentCount }
}
