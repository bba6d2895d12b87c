import Synchronization

/// A bounded multi-producer, single-consumer channel with tokio's `mpsc::channel` semantics,
/// instrumented. Create one with `make(name:capacity:)`, which returns the sender and the
/// receiver handles; this object is the shared storage and what snapshots read.
///
/// **Ordering and fairness.** Messages are received in the order their slots were taken.
/// Senders waiting for a slot are served FIFO; a freed slot goes to the oldest waiting sender
/// (or reservation), so `trySend` never jumps the queue.
///
/// **Capacity** is exact: at most `capacity` messages are buffered or reserved at once.
///
/// **Close.** When the receiver closes (or is dropped) no new message is accepted: `trySend`
/// answers `.closed(element)` and waiting senders fail with `ChannelSendError.closed(element)`;
/// messages already buffered still drain. When the last sender is dropped, `receive` returns the
/// buffered messages and then `nil`.
///
/// **Cancel safety.** A cancelled `send` throws `ChannelSendError.cancelled(element)`: the element
/// was not delivered and goes back to the caller. A cancelled `reserve` throws
/// `ReserveError.cancelled` and takes no slot. A cancelled `receive` throws `CancellationError` and
/// loses no message.
///
/// **Errors.** Every operation throws a typed error naming exactly its failures, or returns a
/// result enum when it never waits (`trySend`, `tryReceive`).
///
/// **Traps.** A capacity below one, or two tasks receiving at the same time: the channel has one
/// consumer (tokio enforces it with `&mut self`; a Swift `AsyncSequence` must be copyable, so here
/// it is a precondition).
///
/// **Metrics.** When the application has bootstrapped a swift-metrics backend, the channel reports
/// its queue length, full `trySend`s, closes and the time senders waited for a slot, with its name
/// as the only dimension.
public final class BoundedChannel<Element: Sendable>: Instrumented {
    @usableFromInline
    typealias Machine = ChannelStateMachine<
        Element, UnsafeContinuation<SendWakeup, Never>, UnsafeContinuation<ReceiveWakeup, Never>
    >

    @usableFromInline
    enum SendWakeup: Sendable {
        case delivered
        case closed
        case cancelled
    }

    @usableFromInline
    enum ReceiveWakeup: Sendable {
        /// A message, or nil: every sender is gone (or the channel closed) and the buffer is empty.
        case received(Element?)
        case cancelled
    }

    /// Shown in snapshots, in stallscope and as the metrics' dimension.
    public let name: String
    /// The most messages it buffers (or slots it has reserved) at once.
    public let capacity: Int
    @usableFromInline let machine: SpinLockedState<Machine>
    @usableFromInline let metrics: ChannelMetrics?
    private let senderHandles = LockedState(0)
    // Mirrors `Machine.trySendGate`, written only under the lock: a sender that reads 0 may
    // answer `.full` without taking the lock. Reading a value that is a moment old is still a
    // linearizable answer: the channel was full at that moment.
    @usableFromInline let trySendGate: Atomic<Int>
    /// Counted with a load and a store, not an atomic add: on the path that must stay as cheap
    /// as tokio's (a full channel in a hot loop) a locked add cost three to four times tokio's
    /// whole `try_send`. Two rejections at the same moment on two threads may count once; with
    /// one sender at a time, and always on the deterministic runtime, the count is exact.
    @usableFromInline let fullRejections = Atomic<Int>(0)

    init(name: String, capacity: Int) {
        self.name = name
        self.capacity = capacity
        self.machine = SpinLockedState(Machine(capacity: capacity))
        self.trySendGate = Atomic(capacity)
        self.metrics = ChannelMetrics(name: name)
    }

    /// A channel with room for exactly `capacity` messages.
    ///
    /// - Parameters:
    ///   - name: What stallscope and the metrics call it. By default, where it is made
    ///     (`Module/File.swift:42`), as tokio names resources by their location.
    ///   - capacity: How many messages it buffers (or slots it reserves) at most; at least one.
    ///   - fileID: With `line`, the default name; leave both to the compiler.
    ///   - line: See `fileID`.
    public static func make(
        name: String? = nil, capacity: Int, fileID: String = #fileID, line: Int = #line
    ) -> (ChannelSender<Element>, ChannelReceiver<Element>) {
        let channel = BoundedChannel(name: name ?? "\(fileID):\(line)", capacity: capacity)
        return (ChannelSender(channel), ChannelReceiver(channel))
    }

    /// Runs an event under the lock and republishes the fast-path gate (and, with a metrics
    /// backend, the queue length) before unlocking.
    @inlinable
    func withMachine<R>(_ body: (inout Machine) -> R) -> R {
        // Metrics are the rare case and get a critical section of their own: measured, even a
        // nil check inside this one cost a tenth of a trySend plus tryReceive.
        guard _fastPath(metrics == nil) else { return withMachineReporting(body) }
        return machine.withLock { machine in
            let result = body(&machine)
            trySendGate.store(machine.trySendGate, ordering: .releasing)
            return result
        }
    }

    /// `withMachine` with a metrics backend: publishes the length, and keeps a full channel's
    /// gate off 0, so that full answers come under the lock, where they are counted in the metrics.
    @usableFromInline
    func withMachineReporting<R>(_ body: (inout Machine) -> R) -> R {
        machine.withLock { machine in
            let result = body(&machine)
            let gate = machine.trySendGate
            trySendGate.store(gate == 0 ? Self.fullUnderLock : gate, ordering: .releasing)
            metrics?.publishLength(machine.capacity - machine.freeSlots - machine.reservedSlots)
            return result
        }
    }

    /// The gate's value for "full, answer under the lock" (closed is -1, full 0).
    @usableFromInline static var fullUnderLock: Int { -2 }

    // MARK: Sending

    @inlinable
    func trySend(_ element: Element) -> TrySendResult<Element> {
        // Lock-free answer for the case that must stay cheap: a full channel in a hot loop.
        if trySendGate.load(ordering: .acquiring) == 0 {
            countRejection()
            return .full(element)
        }
        return trySendLocked(element)
    }

    @inlinable
    func countRejection() {
        fullRejections.store(fullRejections.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    }

    @inlinable
    func trySendLocked(_ element: Element) -> TrySendResult<Element> {
        switch withMachine({ $0.trySend(element) }) {
        case .sent(let delivery):
            Self.deliver(delivery)
            return .sent
        case .full(let element):
            countRejection()
            if _slowPath(metrics != nil) { recordFull() }
            return .full(element)
        case .closed(let element):
            return .closed(element)
        }
    }

    @usableFromInline @inline(never)
    func recordFull() {
        metrics?.recordFull()
    }

    // The waits run on the caller's executor (nonsending), as the semaphore's acquire does: a
    // nonisolated async function would first switch to the generic executor, and in the two-task
    // send/receive case that switch's executor lookup was a tenth of the time (perf).
    @inlinable
    nonisolated(nonsending) func send(_ element: Element) async throws(ChannelSendError<Element>) {
        switch trySend(element) {
        case .sent: return
        case .closed(let element): throw .closed(element)
        case .full: break
        }
        let start = metrics == nil ? nil : Self.now()
        let id = machine.withLock { $0.makeID() }
        // Armed only once queued: a bound deadline costs nothing until the sender must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        let wakeup = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<SendWakeup, Never>) in
                let outcome = withMachine {
                    $0.suspendSend(element, id: id, isCancelled: Task.isCancelled, continuation: continuation)
                }
                switch outcome {
                case .queued: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in cancelSender(id) }
                case .sent(let delivery):
                    Self.deliver(delivery)
                    continuation.resume(returning: .delivered)
                case .closed: continuation.resume(returning: .closed)
                case .cancelled: continuation.resume(returning: .cancelled)
                }
            }
        } onCancel: {
            cancelSender(id)
        }
        switch wakeup {
        case .delivered:
            if let start { metrics?.recordWait(Self.now() - start) }
            return
        case .closed: throw .closed(element)
        case .cancelled: throw .cancelled(element)
        }
    }

    @inlinable
    func tryReserve() throws(TryReserveError) -> ChannelSlot<Element> {
        switch withMachine({ $0.tryReserve() }) {
        case true?: return ChannelSlot(channel: self)
        case false?: throw .full
        case nil: throw .closed
        }
    }

    @inlinable
    nonisolated(nonsending) func reserve() async throws(ReserveError) -> ChannelSlot<Element> {
        let start = metrics == nil ? nil : Self.now()
        let id = machine.withLock { $0.makeID() }
        // Armed only once queued: a bound deadline costs nothing until the reserver must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        let wakeup = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<SendWakeup, Never>) in
                switch withMachine({
                    $0.suspendReserve(id: id, isCancelled: Task.isCancelled, continuation: continuation)
                }) {
                case .queued: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in cancelSender(id) }
                case .sent: continuation.resume(returning: .delivered)
                case .closed: continuation.resume(returning: .closed)
                case .cancelled: continuation.resume(returning: .cancelled)
                }
            }
        } onCancel: {
            cancelSender(id)
        }
        switch wakeup {
        case .delivered:
            if let start { metrics?.recordWait(Self.now() - start) }
            return ChannelSlot(channel: self)
        case .closed: throw .closed
        case .cancelled: throw .cancelled
        }
    }

    @inlinable
    func commit(_ element: Element) {
        Self.deliver(withMachine { $0.commit(element) })
    }

    @inlinable
    func cancelReservation() {
        Self.deliver(withMachine { $0.cancelReservation() })
    }

    // MARK: Receiving

    @inlinable
    func tryReceive() -> TryReceiveResult<Element> {
        switch withMachine({ $0.tryReceive() }) {
        case .element(let element, let delivery):
            Self.deliver(delivery)
            return .element(element)
        case .empty: return .empty
        case .finished: return .closed
        }
    }

    @inlinable
    nonisolated(nonsending) func receive() async throws(CancellationError) -> Element? {
        switch tryReceive() {
        case .element(let element): return element
        case .closed: return nil
        case .empty: break
        }
        let id = machine.withLock { $0.makeID() }
        // Armed only once queued: a bound deadline costs nothing until the receiver must wait.
        var deadlineTimer: DeadlineTimer?
        defer { deadlineTimer?.disarm() }
        let wakeup = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<ReceiveWakeup, Never>) in
                switch withMachine({
                    $0.suspendReceive(id: id, isCancelled: Task.isCancelled, continuation: continuation)
                }) {
                case .queued: deadlineTimer = DeadlineTimer.armForCurrentWait { [self] in cancelReceiver(id) }
                case .cancelled: continuation.resume(returning: .cancelled)
                case .ready(.element(let element, let delivery)):
                    Self.deliver(delivery)
                    continuation.resume(returning: .received(element))
                case .ready(.finished): continuation.resume(returning: .received(nil))
                case .ready(.empty): preconditionFailure("an empty channel did not queue its receiver")
                }
            }
        } onCancel: {
            cancelReceiver(id)
        }
        switch wakeup {
        case .received(let element): return element
        case .cancelled: throw CancellationError()
        }
    }

    /// Takes a sender or reserver that was cancelled or whose deadline passed out of the queue, if
    /// it is still there.
    @usableFromInline
    func cancelSender(_ id: UInt64) {
        switch withMachine({ $0.cancelSender(id: id) }) {
        case .send(_, _, let continuation)?, .reserve(_, let continuation)?:
            continuation.resume(returning: .cancelled)
        case nil:
            break
        }
    }

    /// Removes the receiver if it was cancelled or its deadline passed while it waited.
    @usableFromInline
    func cancelReceiver(_ id: UInt64) {
        withMachine { $0.cancelReceive(id: id) }?.resume(returning: .cancelled)
    }

    // MARK: Closing

    func close() {
        let (senders, receiver, closedNow) = withMachine { machine in
            let closedNow = !machine.isClosed
            let (senders, receiver) = machine.close()
            return (senders, receiver, closedNow)
        }
        if closedNow { metrics?.recordClose() }
        for waiter in senders {
            switch waiter {
            case .send(_, _, let continuation), .reserve(_, let continuation):
                continuation.resume(returning: .closed)
            }
        }
        receiver?.resume(returning: .received(nil))
    }

    func senderOpened() {
        senderHandles.withLock { $0 += 1 }
    }

    func senderDropped() {
        let last = senderHandles.withLock { count -> Bool in
            count -= 1
            return count == 0
        }
        if last { withMachine { $0.finishSending() }?.resume(returning: .received(nil)) }
    }

    /// For the send wait timer: only read when a metrics backend is bootstrapped.
    @usableFromInline static func now() -> Duration { TimeSource.monotonic.now() }

    @inlinable
    static func deliver(_ delivery: Machine.Delivery) {
        guard !delivery.isEmpty else { return }
        for sender in delivery.senders { sender.resume(returning: .delivered) }
        delivery.receiver?.resume(returning: .received(delivery.received))
    }

    // MARK: Reading

    /// Whether the receiver has closed (or dropped) it.
    public var isClosed: Bool { machine.withLock { $0.isClosed } }
    /// Messages buffered right now (a moment later it may differ).
    public var count: Int { machine.withLock { $0.buffer.count } }

    /// The slot accounting, waiters and counters; copies under the lock and changes nothing.
    public func snapshot() -> ChannelSnapshot {
        let rejections = fullRejections.load(ordering: .relaxed)
        // Only the machine's leading stored counters: this runs unspecialized (through
        // `any Instrumented`), where a getter or the buffer would need the machine's generic
        // metadata, a lookup that cost more than everything else here. The buffered count
        // follows from the slot invariant (free + buffered + reserved == capacity).
        return machine.withLock { m in
            ChannelSnapshot(
                name: name, capacity: capacity, length: m.capacity - m.freeSlots - m.reservedSlots,
                reserved: m.reservedSlots, highWater: m.highWater, sends: m.sends, receives: m.receives,
                fullRejections: rejections, waitingSenders: m.waitingSenders,
                receiverWaiting: m.receiverID != nil, isClosed: m.isClosed, sendersGone: m.sendersGone)
        }
    }

    public func resourceSnapshot() -> ResourceSnapshot { .channel(snapshot()) }

    /// Only a full, open channel can: one with a free slot has no waiting sender either (a sender
    /// queues only when no slot is free), and a closed one refuses sends at once. Read from the
    /// lock-free gate, so 20,000 idle peer channels cost the detectors a load each.
    public var mayShowStall: Bool {
        let gate = trySendGate.load(ordering: .acquiring)
        return gate == 0 || gate == Self.fullUnderLock
    }

    /// Traps if slots leaked or the buffer exceeds its capacity.
    package func checkInvariants() {
        machine.withLock { $0.checkInvariants() }
    }
}
