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
@usableFromInline
struct ChannelStateMachine<Element, SendContinuation, ReceiveContinuation> {
    @usableFromInline
    enum SenderWaiter {
        /// `send(element)`: the element goes into the buffer when a slot is handed over.
        case send(id: UInt64, element: Element, continuation: SendContinuation)
        /// `reserve()`: the slot is handed over empty.
        case reserve(id: UInt64, continuation: SendContinuation)

        @inlinable
        var id: UInt64 {
            switch self {
            case .send(let id, _, _), .reserve(let id, _): id
            }
        }
    }

    /// What the owner must resume after an event: senders whose element went in (or whose slot
    /// was reserved), and the receiver with the element handed straight to it.
    @usableFromInline
    struct Delivery {
        @usableFromInline var senders: [SendContinuation]
        @usableFromInline var receiver: ReceiveContinuation?
        @usableFromInline var received: Element?

        @inlinable
        init(senders: [SendContinuation] = [], receiver: ReceiveContinuation? = nil, received: Element? = nil) {
            self.senders = senders
            self.receiver = receiver
            self.received = received
        }

        @inlinable
        var isEmpty: Bool { senders.isEmpty && receiver == nil }

        @inlinable
        mutating func merge(_ other: Delivery) {
            senders += other.senders
            if let continuation = other.receiver {
                assert(receiver == nil, "one receiver woken twice")
                receiver = continuation
                received = other.received
            }
        }
    }

    @usableFromInline
    enum TrySendOutcome {
        case sent(Delivery)
        case full(Element)
        case closed(Element)
    }

    @usableFromInline
    enum SuspendSendOutcome {
        case queued
        case sent(Delivery)
        case closed
        case cancelled
    }

    @usableFromInline
    enum ReceiveOutcome {
        case element(Element, Delivery)
        case empty
        case finished
    }

    // The counters come first, and the waiting receiver's id is kept apart from its
    // continuation: fields laid out before any whose size depends on the type parameters sit
    // at fixed offsets, so `BoundedChannel.snapshot()`, which the dashboard calls through
    // `any Instrumented` for every channel every frame, reads them without instantiating this
    // type's generic metadata (that lookup was most of a snapshot's cost).
    @usableFromInline let capacity: Int
    @usableFromInline var freeSlots: Int
    @usableFromInline var reservedSlots = 0
    @usableFromInline var isClosed = false
    @usableFromInline var sendersGone = false
    @usableFromInline var highWater = 0
    @usableFromInline var sends = 0
    @usableFromInline var receives = 0
    @usableFromInline var nextID: UInt64 = 1
    /// `senderWaiters.count`.
    @usableFromInline var waitingSenders = 0
    /// Set exactly while `receiverContinuation` is.
    @usableFromInline var receiverID: UInt64?
    @usableFromInline var buffer = Deque<Element>()
    @usableFromInline var senderWaiters = Deque<SenderWaiter>()
    @usableFromInline var receiverContinuation: ReceiveContinuation?

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded channel needs at least one slot")
        self.capacity = capacity
        self.freeSlots = capacity
    }

    /// The number of slots `trySend` may take right now without the lock, or -1 once closed:
    /// the value behind the channel's lock-free "full" fast path.
    @inlinable
    var trySendGate: Int { isClosed ? -1 : (senderWaiters.isEmpty ? freeSlots : 0) }

    @inlinable
    mutating func makeID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Sending

    @inlinable
    mutating func trySend(_ element: Element) -> TrySendOutcome {
        if isClosed { return .closed(element) }
        guard freeSlots > 0, senderWaiters.isEmpty else { return .full(element) }
        freeSlots -= 1
        return .sent(enqueue(element))
    }

    @inlinable
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
        waitingSenders += 1
        return .queued
    }

    /// Takes a free slot for a later `commit`, without suspending.
    @inlinable
    mutating func tryReserve() -> Bool? {
        if isClosed { return nil }
        guard freeSlots > 0, senderWaiters.isEmpty else { return false }
        freeSlots -= 1
        reservedSlots += 1
        return true
    }

    @inlinable
    mutating func suspendReserve(id: UInt64, isCancelled: Bool, continuation: SendContinuation) -> SuspendSendOutcome {
        if isClosed { return .closed }
        if isCancelled { return .cancelled }
        if freeSlots > 0, senderWaiters.isEmpty {
            freeSlots -= 1
            reservedSlots += 1
            return .sent(Delivery())
        }
        senderWaiters.append(.reserve(id: id, continuation: continuation))
        waitingSenders += 1
        return .queued
    }

    /// Puts an element into a reserved slot. A slot reserved before the receiver closed still
    /// delivers (as in tokio): the slot was taken, and buffered messages still drain.
    @inlinable
    mutating func commit(_ element: Element) -> Delivery {
        precondition(reservedSlots > 0, "commit without a reserved slot")
        reservedSlots -= 1
        return enqueue(element)
    }

    @inlinable
    mutating func cancelReservation() -> Delivery {
        precondition(reservedSlots > 0, "cancelled a reservation that does not exist")
        reservedSlots -= 1
        return freeSlot()
    }

    /// Removes exactly this waiting sender; returns it so its element can go back to the caller.
    @inlinable
    mutating func cancelSender(id: UInt64) -> SenderWaiter? {
        guard let index = senderWaiters.firstIndex(where: { $0.id == id }) else { return nil }
        waitingSenders -= 1
        return senderWaiters.remove(at: index)
    }

    /// The element occupies the slot the caller already took.
    @inlinable
    mutating func enqueue(_ element: Element) -> Delivery {
        sends += 1
        if let waiting = takeReceiver() {
            // The receiver only waits on an empty buffer: hand the element over directly. Its
            // slot comes free at once and may go to a waiting sender (whose element is then
            // buffered, since the receiver is no longer waiting: the recursion ends there).
            assert(buffer.isEmpty, "receiver waiting while elements are buffered")
            receives += 1
            var delivery = Delivery(receiver: waiting, received: element)
            delivery.merge(freeSlot())
            return delivery
        }
        buffer.append(element)
        if buffer.count > highWater { highWater = buffer.count }
        return Delivery()
    }

    // MARK: Receiving

    @inlinable
    mutating func tryReceive() -> ReceiveOutcome {
        guard let element = buffer.popFirst() else {
            return isClosed || sendersGone ? .finished : .empty
        }
        receives += 1
        return .element(element, freeSlot())
    }

    @usableFromInline
    enum SuspendReceiveOutcome {
        case queued
        case ready(ReceiveOutcome)
        case cancelled
    }

    @inlinable
    mutating func suspendReceive(
        id: UInt64, isCancelled: Bool, continuation: ReceiveContinuation
    ) -> SuspendReceiveOutcome {
        let outcome = tryReceive()
        if case .empty = outcome {
            if isCancelled { return .cancelled }
            precondition(receiverID == nil, "a bounded channel has a single receiver")
            receiverID = id
            receiverContinuation = continuation
            return .queued
        }
        return .ready(outcome)
    }

    @inlinable
    mutating func cancelReceive(id: UInt64) -> ReceiveContinuation? {
        guard receiverID == id else { return nil }
        return takeReceiver()
    }

    /// A slot came free: give it to the oldest waiting sender, else back to the pool.
    @inlinable
    mutating func freeSlot() -> Delivery {
        guard let waiter = senderWaiters.popFirst() else {
            freeSlots += 1
            return Delivery()
        }
        waitingSenders -= 1
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
    @inlinable
    mutating func close() -> (senders: [SenderWaiter], receiver: ReceiveContinuation?) {
        guard !isClosed else { return ([], nil) }
        isClosed = true
        let failed = Array(senderWaiters)
        senderWaiters.removeAll()
        waitingSenders = 0
        return (failed, takeReceiverIfFinished())
    }

    /// The last sender handle is gone: once drained, receive returns nil.
    @inlinable
    mutating func finishSending() -> ReceiveContinuation? {
        sendersGone = true
        return takeReceiverIfFinished()
    }

    @inlinable
    mutating func takeReceiverIfFinished() -> ReceiveContinuation? {
        guard buffer.isEmpty else { return nil }
        return takeReceiver()
    }

    /// The waiting receiver's continuation, if one waits; it no longer waits.
    @inlinable
    mutating func takeReceiver() -> ReceiveContinuation? {
        receiverID = nil
        defer { receiverContinuation = nil }
        return receiverContinuation
    }

    @inlinable
    func checkInvariants() {
        precondition(freeSlots + buffer.count + reservedSlots == capacity, "channel slots leaked")
        precondition(buffer.count <= capacity, "channel holds more than its capacity")
        precondition(senderWaiters.isEmpty || freeSlots == 0, "free slot while a sender waits")
        precondition(waitingSenders == senderWaiters.count, "waiting senders miscounted")
        precondition(receiverID == nil || buffer.isEmpty, "receiver waiting while elements are buffered")
        precondition((receiverID == nil) == (receiverContinuation == nil), "receiver id without its continuation")
    }
}
