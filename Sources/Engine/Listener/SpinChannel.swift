import Backpressure

/// The `spin-channel` step's channel: a bounded array ring with a reserve-then-commit slot
/// protocol whose waiters spin (see `SpinBackoff`), modelled on the crossbeam array channel
/// behind freenet's `fast_channel`.
///
/// **Protocol.** A sender first reserves the slot at `tail` (several reservations may be in
/// flight, as in crossbeam, where `tail` is claimed by compare-and-swap), then writes and commits
/// it. Only an operation that lands on a slot still reserved spins, until it commits: in the
/// protocol's own assumption a commit is always a few instructions away. A receiver spins when
/// its `head` slot is reserved; a sender spins when the ring has wrapped and the slot at `tail`
/// is the one still reserved from the previous lap (anything else at capacity is `.full`). A
/// slot that is reserved and never committed (`wedge()`) breaks that assumption: the receiver
/// spins at once, and senders keep filling the other slots until the ring wraps onto it, then
/// every later `trySend` spins forever too.
///
/// **Waiting.** `receive` parks on a notification when the ring is empty and `send` parks when
/// it is full (the `Notify` wrapper of `fast_channel`); only the in-flight slot is spun on. Many
/// senders, one receiver.
///
/// **Close.** `close()` fails later sends with `.closed`; buffered messages still drain and then
/// `receive` returns nil.
public final class SpinChannel<Element: Sendable>: Instrumented {
    enum Slot {
        case empty
        /// Taken by a sender that has not committed yet.
        case reserved
        case committed(Element)
        /// A reservation given up (a cleared wedge): receivers skip it.
        case abandoned
    }

    struct State {
        var slots: [Slot]
        /// Next position to receive; positions grow forever, the ring index is `position % capacity`.
        var head = 0
        /// Next position to reserve.
        var tail = 0
        /// Positions reserved and not yet committed.
        var inFlight: Set<Int> = []
        /// The reservation `wedge()` made, never to be committed.
        var wedged: Int?
        var isClosed = false
        var highWater = 0
        var sends = 0
        var receives = 0
        var fullRejections = 0

        var occupied: Int { tail - head }
    }

    enum Reservation {
        case reserved(Int)
        case full
        case closed
    }

    enum Received {
        case element(Element)
        case empty
        case finished
    }

    public let name: String
    public let capacity: Int
    private let backoff: SpinBackoff
    private let state: LockedState<State>
    /// Wakes a receiver parked on an empty ring.
    private let dataAvailable: DirtySignal
    /// Parks senders waiting for room; opened by every receive.
    private let roomAvailable: Gate

    public init(name: String, capacity: Int, backoff: SpinBackoff, timeSource: TimeSource) {
        precondition(capacity > 0, "a spin channel needs at least one slot")
        self.name = name
        self.capacity = capacity
        self.backoff = backoff
        self.state = LockedState(State(slots: Array(repeating: .empty, count: capacity)))
        self.dataAvailable = DirtySignal(name: "\(name).data", timeSource: timeSource)
        self.roomAvailable = Gate(name: "\(name).room")
    }

    // MARK: Sending

    /// Answers `.sent`, `.full` or `.closed`, but first spins for as long as the ring is at
    /// capacity with the slot at `tail` still reserved from the previous lap. Throws only
    /// `CancellationError` (cancelled while spinning).
    public func trySend(_ element: Element, spinner: String) async throws -> ForwardOutcome {
        let reservation = try await backoff.spin(spinner) {
            state.withLock { state -> Reservation? in
                if state.isClosed { return .closed }
                guard state.occupied < capacity else {
                    // Wrapped onto a slot still reserved: crossbeam's stamp check snoozes here.
                    if state.inFlight.contains(state.head) { return nil }
                    state.fullRejections += 1
                    return .full
                }
                return .reserved(state.reserve())
            }
        }
        let position: Int
        switch reservation {
        case .reserved(let reserved): position = reserved
        case .full: return .full
        case .closed: return .closed
        }
        // The second phase: between reserve and commit another thread may observe the slot in
        // flight and spin; that window is what `wedge()` makes permanent.
        state.withLock { $0.commit(position, element) }
        dataAvailable.mark()
        return .sent
    }

    /// Waits for room (parked, not spinning) and sends; `.sent` or `.closed`. Any number of
    /// senders may wait.
    public func send(_ element: Element, spinner: String) async throws -> ForwardOutcome {
        while true {
            let first = try await trySend(element, spinner: spinner)
            if first != .full { return first }
            // Close the room gate, then look again: a receive that frees a slot after this close
            // opens it, so the wake-up cannot be lost between the look and the park.
            roomAvailable.close()
            let second = try await trySend(element, spinner: spinner)
            if second != .full { return second }
            try await roomAvailable.pass()
        }
    }

    // MARK: Receiving

    /// The next element, `.empty` or `.finished`; spins while the head slot is reserved.
    func tryReceive(spinner: String) async throws -> Received {
        let received = try await backoff.spin(spinner) {
            state.withLock { state -> Received? in state.takeHead() }
        }
        // Opening when nothing came free is harmless (a parked sender looks again), and a
        // skipped abandoned slot frees room without yielding an element.
        if case .finished = received {} else { roomAvailable.open() }
        return received
    }

    /// The next element, or nil once closed and drained. Throws `CancellationError`.
    public func receive(spinner: String) async throws -> Element? {
        while true {
            switch try await tryReceive(spinner: spinner) {
            case .element(let element): return element
            case .finished: return nil
            case .empty:
                // Never closed (close marks it instead), so a wake-up always means "look again".
                _ = try await dataAvailable.wait()
            }
        }
    }

    // MARK: Faults and closing

    /// Reserves the tail slot and never commits it: a producer lost between the two phases after
    /// its notification went out (so a parked receiver wakes and walks into the slot). Returns
    /// false if a slot is already wedged, the ring is full or closed.
    @discardableResult
    public func wedge() -> Bool {
        let wedged = state.withLock { state -> Bool in
            guard state.wedged == nil, !state.isClosed, state.occupied < capacity else { return false }
            state.wedged = state.reserve()
            return true
        }
        if wedged { dataAvailable.mark() }
        return wedged
    }

    /// Gives up the wedged reservation: receivers skip the slot and senders may reserve again.
    @discardableResult
    public func clearWedge() -> Bool {
        let cleared = state.withLock { state -> Bool in
            guard let position = state.wedged else { return false }
            state.slots[position % capacity] = .abandoned
            state.inFlight.remove(position)
            state.wedged = nil
            return true
        }
        if cleared { dataAvailable.mark() }
        return cleared
    }

    public var isWedged: Bool { state.withLock { $0.wedged != nil } }

    /// No more sends; the buffer still drains, then `receive` returns nil.
    public func close() {
        state.withLock { $0.isClosed = true }
        dataAvailable.mark()
        roomAvailable.open()
    }

    // MARK: Reading

    public func snapshot() -> ChannelSnapshot {
        state.withLock { s in
            let reserved = s.inFlight.count
            return ChannelSnapshot(
                name: name, capacity: capacity, length: s.occupied - reserved, reserved: reserved,
                highWater: s.highWater, sends: s.sends, receives: s.receives, fullRejections: s.fullRejections,
                waitingSenders: 0, receiverWaiting: false, isClosed: s.isClosed, sendersGone: false)
        }
    }

    public func resourceSnapshot() -> ResourceSnapshot { .channel(snapshot()) }

    /// Traps if the ring holds more than its capacity or a slot's state contradicts the cursors.
    public func checkInvariants() {
        state.withLock { s in
            precondition(s.head <= s.tail && s.occupied <= capacity, "spin channel holds more than its capacity")
            for position in s.head..<s.tail {
                if case .empty = s.slots[position % capacity] { preconditionFailure("an occupied position is empty") }
            }
            for position in s.inFlight {
                precondition((s.head..<s.tail).contains(position), "an in-flight slot is outside the ring")
            }
        }
    }
}

extension SpinChannel.State {
    mutating func reserve() -> Int {
        let position = tail
        slots[position % slots.count] = .reserved
        tail += 1
        inFlight.insert(position)
        return position
    }

    mutating func commit(_ position: Int, _ element: Element) {
        precondition(inFlight.contains(position), "commit of a slot that is not in flight")
        slots[position % slots.count] = .committed(element)
        inFlight.remove(position)
        sends += 1
        highWater = max(highWater, occupied)
    }

    /// nil means "spin": the head slot is reserved but not committed.
    mutating func takeHead() -> SpinChannel.Received? {
        while head < tail {
            let index = head % slots.count
            switch slots[index] {
            case .reserved:
                return nil
            case .abandoned:
                slots[index] = .empty
                head += 1
            case .committed(let element):
                slots[index] = .empty
                head += 1
                receives += 1
                return .element(element)
            case .empty:
                preconditionFailure("an occupied position is empty")
            }
        }
        return isClosed ? .finished : .empty
    }
}
