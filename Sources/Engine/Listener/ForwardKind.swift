/// The three forwarding paths of the listener loop (and the three "never blocks" tests).
public enum ForwardKind: String, CaseIterable, Sendable, Codable {
    case established
    case gatewayHandshake = "gateway-handshake"
    case natTraversal = "nat-traversal"

    init(_ destination: ListenerPacket.Destination) {
        switch destination {
        case .peer: self = .established
        case .gatewayHandshake: self = .gatewayHandshake
        case .natTraversal: self = .natTraversal
        }
    }
}
