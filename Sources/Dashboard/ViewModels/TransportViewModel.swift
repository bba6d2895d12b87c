
/// The transport listener and accept loop: loop latency, spinning, and the handshake path.
public struct TransportViewModel: Equatable, Sendable {
    public var loopLatency: LatencyFigures
    /// Loop iterations per virtual second that did no work (a spinning listener).
    public var spinPerSecond: Double
    public var handshakeBacklog: Int
    public var handshakeCapacity: Int
    public var identityExchangeSucceeded: Int
    public var identityExchangeFailed: Int
    /// Listener slots wedged by a fault, when any.
    public var wedgedSlots: Int
    public var natQueueLength: Int
    public var natQueueCapacity: Int

    public init(loopLatency: LatencyFigures, spinPerSecond: Double, handshakeBacklog: Int, handshakeCapacity: Int,
                identityExchangeSucceeded: Int, identityExchangeFailed: Int, wedgedSlots: Int,
                natQueueLength: Int, natQueueCapacity: Int) {
        self.loopLatency = loopLatency
        self.spinPerSecond = spinPerSecond
        self.handshakeBacklog = handshakeBacklog
        self.handshakeCapacity = handshakeCapacity
        self.identityExchangeSucceeded = identityExchangeSucceeded
        self.identityExchangeFailed = identityExchangeFailed
        self.wedgedSlots = wedgedSlots
        self.natQueueLength = natQueueLength
        self.natQueueCapacity = natQueueCapacity
    }

    public var identityExchangeSuccessRatio: Double? {
        let total = identityExchangeSucceeded + identityExchangeFailed
        return total > 0 ? Double(identityExchangeSucceeded) / Double(total) : nil
    }
}
