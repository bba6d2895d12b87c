import Backpressure

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
    /// Registrations waiting for the accept path's consumer (`fixed`: a bounded queue) or its
    /// spawned tasks (`spawn-per-connection`: no bound); nil without an accept path.
    public var registrationBacklog: Int?
    public var registrationCapacity: Int?
    /// The accept path's `peers` write lock; nil when the step has none (`fixed`).
    public var peersLock: LockHolding?

    /// Whose panel this is (the host sets it): what `c` and `g` act on when the panel has the focus.
    public var owner: InstrumentOwner?

    public init(
        loopLatency: LatencyFigures, spinPerSecond: Double, handshakeBacklog: Int, handshakeCapacity: Int,
        identityExchangeSucceeded: Int, identityExchangeFailed: Int, wedgedSlots: Int,
        natQueueLength: Int, natQueueCapacity: Int,
        registrationBacklog: Int? = nil, registrationCapacity: Int? = nil, peersLock: LockHolding? = nil,
        owner: InstrumentOwner? = nil
    ) {
        self.loopLatency = loopLatency
        self.spinPerSecond = spinPerSecond
        self.handshakeBacklog = handshakeBacklog
        self.handshakeCapacity = handshakeCapacity
        self.identityExchangeSucceeded = identityExchangeSucceeded
        self.identityExchangeFailed = identityExchangeFailed
        self.wedgedSlots = wedgedSlots
        self.natQueueLength = natQueueLength
        self.natQueueCapacity = natQueueCapacity
        self.registrationBacklog = registrationBacklog
        self.registrationCapacity = registrationCapacity
        self.peersLock = peersLock
        self.owner = owner
    }

    /// Nothing in flight, nothing measured: what a subsystem fills its part of the panel into.
    public static let idle = TransportViewModel(
        loopLatency: .empty, spinPerSecond: 0, handshakeBacklog: 0, handshakeCapacity: 0, identityExchangeSucceeded: 0,
        identityExchangeFailed: 0, wedgedSlots: 0, natQueueLength: 0, natQueueCapacity: 0)

    public var identityExchangeSuccessRatio: Double? {
        let total = identityExchangeSucceeded + identityExchangeFailed
        return total > 0 ? Double(identityExchangeSucceeded) / Double(total) : nil
    }
}
