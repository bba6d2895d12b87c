import DequeModule

/// The buffer, slot accounting and waiter queues of `BoundedChannel`, free of locks and
/// continuations: every event returns what the owner must resume once its lock is released.
///
/// Slots: `freeSlots + buffer.count + reservedSlots == capacity`. A slot freed by a receive is
/// handed straight to the oldest waiting sender (FIFO), so `trySend` cannot jump the queue: it
/// sees no free slot while anyone waits.
///
/// Close: `isClosed` (receiver closed or dropped) stops new sends; what is buffered still
/// drains. `sendersGone` (the last sender handle dropped) makes `receive` return nil once the
/// buffer is empty.
struct ChannelStateMachine<Element, SendContinuation, ReceiveContinuation> {
    enum SenderWaiter {
        /// `send(element)`: the element goes into the buffer when a slot is handed over.
        case send(id: UInt64, element: Element, continuation: SendContinuation)
        /// `reserve()`: the slot is handed over empty.
        case reserve(id: UInt64, continuation: SendContinuation)

        var id: UInt64 {
            switch self {
            case .send(let id, _, _), .reserve(let id, _): id
            }
        }
    }

    /// What the owner must resume after an event: senders whose element went in (or whose slot
    /// was reserved), and the receiver with the element handed straight to it.
    struct Delivery {
        var senders: [SendContinuation] = []
        var receiver: ReceiveContinuation?
        var received: Element?

        var isEmpty: Bool { senders.isEmpty && receiver == nil }

        mutating func merge(_ other: Delivery) {
            senders += other.senders
            if let continuation = other.receiver {
                assert(receiver == nil, "one receiver woken twice")
                receiver = continuation
                received = other.received
            }
        }
    }

    enum TrySendOutcome {
        case sent(Delivery)
        case full(Element)
        case closed(Element)
    }

    enum SuspendSendOutcome {
        case queued
        case sent(Delivery)
        case closed
        case cancelled
    }

    enum ReceiveOutcome {
        case element(Element, Delivery)
        case empty
        case finished
    }

    let capacity: Int
    private(set) var buffer = Deque<Element>()
    private(set) var freeSlots: Int
    private(set) var reservedSlots = 0
    private(set) var isClosed = false
    private(set) var sendersGone = false
    private(set) var highWater = 0
    private(set) var sends = 0
    private(set) var receives = 0
    private var senderWaiters = Deque<SenderWaiter>()
    private var receiver: (id: UInt64, continuation: ReceiveContinuation)?
    private var nextID: UInt64 = 1

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded channel needs at least one slot")
        self.capacity = capacity
        self.freeSlots = capacity
    }

    var waitingSenders: Int { senderWaiters.count }

    /// The number of slots `trySend` may take right now without the lock, or -1 once closed:
    /// the value behind the channel's lock-free "full" fast path.
    var trySendGate: Int { isClosed ? -1 : (senderWaiters.isEmpty ? freeSlots : 0) }
    var receiverWaiting: Bool { receiver != nil }

    mutating func makeID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Sending

    mutating func trySend(_ element: Element) -> TrySendOutcome {
        if isClosed { return .closed(element) }
        guard freeSlots > 0, senderWaiters.isEmpty else { return .full(element) }
        freeSlots -= 1
        return .sent(enqueue(element))
    }

    mutating func suspendSend(
        _ element: Element, id: UInt64, isCancelled: Bool, continuation: SendContinuation
    ) -> SuspendSendOutcome {
        if isClosed { return .closed }
        if isCancelled { return .cancelled }
        if freeSlots > 0, senderWaiters.isEmpty {
            freeSlots -= 1
            return .sent(enqueue(element))
        }
        senderWaiters.append(.send(id: id, element: element, continuation: continuation))
        return .queued
    }

    /// Takes a free slot for a later `commit`, without suspending.
    mutating func tryReserve() -> Bool? {
        if isClosed { return nil }
        guard freeSlots > 0, senderWaiters.isEmpty else { return false }
        freeSlots -= 1
        reservedSlots += 1
        return true
    }

    mutating func suspendReserve(id: UInt64, isCancelled: Bool, continuation: SendContinuation) -> SuspendSendOutcome {
        if isClosed { return .closed }
        if isCancelled { return .cancelled }
        if freeSlots > 0, senderWaiters.isEmpty {
            freeSlots -= 1
            reservedSlots += 1
            return .sent(Delivery())
        }
        senderWaiters.append(.reserve(id: id, continuation: continuation))
        return .queued
    }

    /// Puts an element into a reserved slot. A slot reserved before the receiver closed still
    /// delivers (as in tokio): the slot was taken, and buffered messages still drain.
    mutating func commit(_ element: Element) -> Delivery {
        precondition(reservedSlots > 0, "commit without a reserved slot")
        reservedSlots -= 1
        return enqueue(element)
    }

    mutating func cancelReservation() -> Delivery {
        precondition(reservedSlots > 0, "cancelled a reservation that does not exist")
        reservedSlots -= 1
        return freeSlot()
    }

    /// Removes exactly this waiting sender; returns it so its element can go back to the caller.
    mutating func cancelSender(id: UInt64) -> SenderWaiter? {
        guard let index = senderWaiters.firstIndex(where: { $0.id == id }) else { return nil }
        return senderWaiters.remove(at: index)
    }

    /// The element occupies the slot the caller already took.
    private mutating func enqueue(_ element: Element) -> Delivery {
        sends += 1
        if let waiting = receiver {
            // The receiver only waits on an empty buffer: hand the element over directly. Its
            // slot comes free at once and may go to a waiting sender (whose element is then
            // buffered, since the receiver is no longer waiting: the recursion ends there).
            assert(buffer.isEmpty, "receiver waiting while elements are buffered")
            receiver = nil
            receives += 1
            var delivery = Delivery(receiver: waiting.continuation, received: element)
            delivery.merge(freeSlot())
            return delivery
        }
        buffer.append(element)
        if buffer.count > highWater { highWater = buffer.count }
        return Delivery()
    }

    // MARK: Receiving

    mutating func tryReceive() -> ReceiveOutcome {
        guard let element = buffer.popFirst() else {
            return isClosed || sendersGone ? .finished : .empty
        }
        receives += 1
        return .element(element, freeSlot())
    }

    enum SuspendReceiveOutcome {
        case queued
        case ready(ReceiveOutcome)
        case cancelled
    }

    mutating func suspendReceive(id: UInt64, isCancelled: Bool, continuation: ReceiveContinuation) -> SuspendReceiveOutcome {
        let outcome = tryReceive()
        if case .empty = outcome {
            if isCancelled { return .cancelled }
            precondition(receiver == nil, "a bounded channel has a single receiver")
            receiver = (id, continuation)
            return .queued
        }
        return .ready(outcome)
    }

    mutating func cancelReceive(id: UInt64) -> ReceiveContinuation? {
        guard let waiting = receiver, waiting.id == id else { return nil }
        receiver = nil
        return waiting.continuation
    }

    /// A slot came free: give it to the oldest waiting sender, else back to the pool.
    private mutating func freeSlot() -> Delivery {
        guard let waiter = senderWaiters.popFirst() else {
            freeSlots += 1
            return Delivery()
        }
        switch waiter {
        case .send(_, let element, let continuation):
            var delivery = enqueue(element)
            delivery.senders.insert(continuation, at: 0)
            return delivery
        case .reserve(_, let continuation):
            reservedSlots += 1
            return Delivery(senders: [continuation])
        }
    }

    // MARK: Closing

    /// Receiver side: no new sends; what is buffered still drains. Returns the waiting senders
    /// (to fail with their elements) and a waiting receiver (to finish).
    mutating func close() -> (senders: [SenderWaiter], receiver: ReceiveContinuation?) {
        guard !isClosed else { return ([], nil) }
        isClosed = true
        let failed = Array(senderWaiters)
        senderWaiters.removeAll()
        return (failed, takeReceiverIfFinished())
    }

    /// The last sender handle is gone: once drained, receive returns nil.
    mutating func finishSending() -> ReceiveContinuation? {
        sendersGone = true
        return takeReceiverIfFinished()
    }

    private mutating func takeReceiverIfFinished() -> ReceiveContinuation? {
        guard buffer.isEmpty, let waiting = receiver else { return nil }
        receiver = nil
        return waiting.continuation
    }

    func checkInvariants() {
        precondition(freeSlots + buffer.count + reservedSlots == capacity, "channel slots leaked")
        precondition(buffer.count <= capacity, "channel holds more than its capacity")
        precondition(senderWaiters.isEmpty || freeSlots == 0, "free slot while a sender waits")
        precondition(receiver == nil || buffer.isEmpty, "receiver waiting while elements are buffered")
    }
}
