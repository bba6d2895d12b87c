/// The sending half of a `BoundedChannel`. Clone it for more producers; when the last sender
/// handle is gone, the receiver sees the end of the stream after draining the buffer.
public final class ChannelSender<Element: Sendable>: Sendable {
    @usableFromInline package let channel: BoundedChannel<Element>

    /// The channel, as an `InstrumentRegistry` registers it (stallscope's dashboard and attach
    /// read it from there).
    public var instrument: any Instrumented { channel }

    /// The channel's fill, waiters and counters right now; changes nothing.
    public func snapshot() -> ChannelSnapshot { channel.snapshot() }

    init(_ channel: BoundedChannel<Element>) {
        self.channel = channel
        channel.senderOpened()
    }

    deinit { channel.senderDropped() }

    /// Another handle to the same channel.
    public func clone() -> ChannelSender<Element> { ChannelSender(channel) }

    /// Never suspends: `.sent`, `.full(element)` (no free slot, or senders are queued ahead: it
    /// never jumps the queue) or `.closed(element)` (the receiver is gone). The element comes back
    /// when it was not sent. A full answer is counted (`fullRejections`, and the metrics).
    @inlinable
    public func trySend(_ element: Element) -> TrySendResult<Element> {
        channel.trySend(element)
    }

    /// Waits FIFO for a slot, then delivers.
    ///
    /// **Close.** Throws `.closed(element)` if the receiver closes first.
    ///
    /// **Cancel safety.** Throws `.cancelled(element)` if the task is cancelled while waiting:
    /// nothing was delivered, the element comes back, and the sender left the queue.
    @inlinable
    nonisolated(nonsending) public func send(_ element: Element) async throws(ChannelSendError<Element>) {
        try await channel.send(element)
    }

    /// Waits FIFO for a slot and holds it; `ChannelSlot.send` then delivers without waiting, and
    /// dropping the slot unused gives it back.
    ///
    /// **Close and cancel safety.** Throws `ReserveError.closed` if the receiver closes first and
    /// `ReserveError.cancelled` if the task is cancelled first; either way no slot is held.
    @inlinable
    nonisolated(nonsending) public func reserve() async throws(ReserveError) -> ChannelSlot<Element> {
        try await channel.reserve()
    }

    /// A slot if one is free and no sender is queued; `.full` or `.closed` otherwise. Never
    /// suspends.
    @inlinable
    public func tryReserve() throws(TryReserveError) -> ChannelSlot<Element> {
        try channel.tryReserve()
    }

    /// Whether the receiver has closed (or dropped) the channel.
    public var isClosed: Bool { channel.isClosed }
}
