/// Packets the listener lost, by reason: totals (`Int`) or rates per second (`Double`).
public struct ListenerDrops<Value: Sendable & Equatable & Codable & AdditiveArithmetic>: Sendable, Equatable, Codable {
    /// A peer's inbound channel was full.
    public var peerChannelFull: Value = .zero
    public var gatewayHandshakeFull: Value = .zero
    public var natTraversalFull: Value = .zero
    /// The consumer had exited (peer closed, handshake task gone).
    public var closed: Value = .zero
    /// The socket's receive buffer overflowed while the listener was not reading.
    public var socketOverflow: Value = .zero

    public init() {}

    public var total: Value {
        peerChannelFull + gatewayHandshakeFull + natTraversalFull + closed + socketOverflow
    }
}

extension ListenerDrops where Value == Int {
    /// Per-second rates between two totals `interval` apart.
    func rates(since earlier: ListenerDrops<Int>, over interval: Duration) -> ListenerDrops<Double> {
        let seconds = interval.seconds
        func rate(_ path: KeyPath<ListenerDrops<Int>, Int>) -> Double {
            Double(self[keyPath: path] - earlier[keyPath: path]) / seconds
        }
        var rates = ListenerDrops<Double>()
        rates.peerChannelFull = rate(\.peerChannelFull)
        rates.gatewayHandshakeFull = rate(\.gatewayHandshakeFull)
        rates.natTraversalFull = rate(\.natTraversalFull)
        rates.closed = rate(\.closed)
        rates.socketOverflow = rate(\.socketOverflow)
        return rates
    }
}
