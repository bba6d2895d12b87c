/// The receiving half of a `BoundedChannel`. One consumer at a time (two tasks receiving at once
/// trap); dropping it closes the channel, so producers stop at once instead of filling a buffer
/// nobody reads.
public final class ChannelReceiver<Element: Sendable>: Sendable, AsyncSequence {
    public typealias Failure = CancellationError

    @usableFromInline package let channel: BoundedChannel<Element>

    /// The channel, as an `InstrumentRegistry` registers it (stallscope's dashboard and attach
    /// read it from there).
    public var instrument: any Instrumented { channel }

    /// The channel's fill, waiters and counters right now; changes nothing.
    public func snapshot() -> ChannelSnapshot { channel.snapshot() }

    init(_ channel: BoundedChannel<Element>) {
        self.channel = channel
    }

    deinit { channel.close() }

    /// The next message, or nil once the channel is closed or every sender is gone and the
    /// buffer is drained. Messages come in the order their slots were taken.
    ///
    /// **Cancel safety.** Throws `CancellationError` if cancelled while waiting; no message is
    /// lost (a message sent at that moment stays buffered for the next receive).
    ///
    /// **Traps** if another task is waiting in `receive` on this channel.
    @inlinable
    nonisolated(nonsending) public func receive() async throws(CancellationError) -> Element? {
        try await channel.receive()
    }

    /// A buffered message, `.empty`, or `.closed` once the channel is closed or every sender is
    /// gone and the buffer is drained. Never suspends.
    @inlinable
    public func tryReceive() -> TryReceiveResult<Element> {
        channel.tryReceive()
    }

    /// Stops new sends: waiting senders fail with `.closed(element)`, later `trySend`s answer
    /// `.closed`. Messages already buffered can still be received. Closing twice is harmless.
    public func close() {
        channel.close()
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        @usableFromInline let receiver: ChannelReceiver<Element>

        @usableFromInline
        init(receiver: ChannelReceiver<Element>) {
            self.receiver = receiver
        }

        @inlinable
        nonisolated(nonsending) public mutating func next() async throws(CancellationError) -> Element? {
            try await receiver.receive()
        }
    }

    @inlinable
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(receiver: self) }
}
