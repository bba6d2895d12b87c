/// One datagram the listener received, tagged with where the connection state says it goes.
public struct ListenerPacket: Sendable, Equatable {
    public enum Destination: Sendable, Equatable, Hashable {
        /// An established connection: the peer's inbound channel.
        case peer(Int)
        /// A stranger contacting us as a gateway: the gateway-handshake channel.
        case gatewayHandshake
        /// A reply to one of our hole punches: the NAT-traversal channel.
        case natTraversal
    }

    /// Arrival order at the socket, unique per subsystem: lets tests check nothing accepted is lost.
    public let sequence: UInt64
    public let destination: Destination

    public init(sequence: UInt64, destination: Destination) {
        self.sequence = sequence
        self.destination = destination
    }
}
