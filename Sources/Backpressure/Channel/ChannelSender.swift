/// The sending half of a `BoundedChannel`. Clone it for more producers; when the last sender
/// handle is gone, the receiver sees the end of the stream after draining the buffer.
public final class ChannelSender<Element: Sendable>: Sendable {
    public let channel: BoundedChannel<Element>

    init(_ channel: BoundedChannel<Element>) {
        self.channel = channel
        channel.senderOpened()
    }

    deinit { channel.senderDropped() }

    /// Another handle to the same channel.
    public func clone() -> ChannelSender<Element> { ChannelSender(channel) }

    /// Never suspends: `.sent`, `.full(element)` (no free slot, or senders are queued ahead) or
    /// `.closed(element)` (the receiver is gone). The element comes back when it was not sent.
    @inlinable
    public func trySend(_ element: Element) -> TrySendResult<Element> {
        channel.trySend(element)
    }

    /// Waits FIFO for a slot. Throws `.closed(element)` if the receiver closes first and
    /// `.cancelled(element)` if the task is cancelled first; either way nothing was delivered.
    @inlinable
    public func send(_ element: Element) async throws(ChannelSendError<Element>) {
        try await channel.send(element)
    }

    /// Waits FIFO for a slot and holds it; `ChannelSlot.send` then delivers without waiting.
    /// Throws `ChannelClosedError` or `CancellationError`.
    @inlinable
    public func reserve() async throws -> ChannelSlot<Element> {
        try await channel.reserve()
    }

    @inlinable
    public func tryReserve() throws(TryReserveError) -> ChannelSlot<Element> {
        try channel.tryReserve()
    }

    public var isClosed: Bool { channel.isClosed }
}
