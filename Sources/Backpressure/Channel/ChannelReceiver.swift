/// The receiving half of a `BoundedChannel`. One consumer at a time; dropping it closes the
/// channel, so producers stop at once instead of filling a buffer nobody reads.
public final class ChannelReceiver<Element: Sendable>: Sendable, AsyncSequence {
    public let channel: BoundedChannel<Element>

    init(_ channel: BoundedChannel<Element>) {
        self.channel = channel
    }

    deinit { channel.close() }

    /// The next message, or nil once the channel is closed or every sender is gone and the
    /// buffer is drained. Throws `CancellationError` if cancelled while waiting (no message is
    /// lost).
    @inlinable
    public func receive() async throws -> Element? {
        try await channel.receive()
    }

    @inlinable
    public func tryReceive() -> TryReceiveResult<Element> {
        channel.tryReceive()
    }

    /// Stops new sends; messages already buffered can still be received.
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
        public mutating func next() async throws -> Element? {
            try await receiver.receive()
        }
    }

    @inlinable
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(receiver: self) }
}
