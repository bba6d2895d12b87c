import Backpressure

/// The receiving half of one listener destination, held by the task that consumes it.
public enum PacketSource: Sendable {
    case spin(SpinChannel<ListenerPacket>)
    case bounded(ChannelReceiver<ListenerPacket>)

    /// The next packet, or nil once closed and drained. Throws `CancellationError`.
    func receive(spinner: String) async throws -> ListenerPacket? {
        switch self {
        case .spin(let channel): try await channel.receive(spinner: spinner)
        case .bounded(let receiver): try await receiver.receive()
        }
    }

    /// A packet if one is ready, nil if none is; `finished` once closed and drained.
    func tryReceive(spinner: String) async throws -> (packet: ListenerPacket?, finished: Bool) {
        switch self {
        case .spin(let channel):
            switch try await channel.tryReceive(spinner: spinner) {
            case .element(let packet): return (packet, false)
            case .empty: return (nil, false)
            case .finished: return (nil, true)
            }
        case .bounded(let receiver):
            switch receiver.tryReceive() {
            case .element(let packet): return (packet, false)
            case .empty: return (nil, false)
            case .closed: return (nil, true)
            }
        }
    }

    /// Stops new sends; what is buffered still drains.
    func close() {
        switch self {
        case .spin(let channel): channel.close()
        case .bounded(let receiver): receiver.close()
        }
    }
}
