import Backpressure

/// The sending half of one listener destination, in the channel design of the policy.
public enum PacketSink: Sendable {
    case spin(SpinChannel<ListenerPacket>)
    case bounded(ChannelSender<ListenerPacket>)

    /// Answers without waiting for room. The spin channel may still spin (on a slot in flight):
    /// the very defect of its step.
    func trySend(_ packet: ListenerPacket, spinner: String) async throws -> ForwardOutcome {
        switch self {
        case .spin(let channel):
            return try await channel.trySend(packet, spinner: spinner)
        case .bounded(let sender):
            switch sender.trySend(packet) {
            case .sent: return .sent
            case .full: return .full
            case .closed: return .closed
            }
        }
    }

    /// Waits for room: `.sent` or `.closed`. Throws `CancellationError`.
    func send(_ packet: ListenerPacket, spinner: String) async throws -> ForwardOutcome {
        switch self {
        case .spin(let channel):
            return try await channel.send(packet, spinner: spinner)
        case .bounded(let sender):
            do {
                try await sender.send(packet)
                return .sent
            } catch .closed {
                return .closed
            } catch .cancelled {
                throw CancellationError()
            }
        }
    }

    public var channel: any Instrumented {
        switch self {
        case .spin(let channel): channel
        case .bounded(let sender): sender.channel
        }
    }

    public func snapshot() -> ChannelSnapshot {
        switch self {
        case .spin(let channel): channel.snapshot()
        case .bounded(let sender): sender.channel.snapshot()
        }
    }

    func checkInvariants() {
        switch self {
        case .spin(let channel): channel.checkInvariants()
        case .bounded(let sender): sender.channel.checkInvariants()
        }
    }
}
