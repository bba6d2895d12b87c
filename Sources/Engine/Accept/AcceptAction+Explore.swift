import Runtime

extension AcceptAction {
    public static func drawn(using random: inout Xoshiro256) -> AcceptAction {
        if random.chance(0.5) {
            return .connectionFlood(
                clients: random.logUniform(floodClients), interval: random.logUniform(floodIntervals))
        }
        return .holdPeersLock(random.logUniform(peersLockHolds))
    }

    public var simpler: [AcceptAction] {
        switch self {
        case .connectionFlood(let clients, let interval):
            Simpler.counts(clients, toward: Self.floodClients.lowerBound).map {
                .connectionFlood(clients: $0, interval: interval)
            }
        case .holdPeersLock(let hold):
            Simpler.durations(hold, toward: Self.peersLockHolds.lowerBound).map { .holdPeersLock($0) }
        }
    }
}

extension AcceptAction {
    /// While someone else holds the peers lock no design can register a connection: the queues
    /// in front of registration fill and identity exchanges time out, for as long as it is held.
    public func effect(in config: AcceptConfig) -> FaultEffect {
        switch self {
        case .holdPeersLock(let hold):
            FaultEffect(
                symptoms: [.registrationQueueFull, .handshakeChannelFull, .identityExchangeTimeouts],
                lasting: .for(hold))
        case .connectionFlood: .none
        }
    }
}
