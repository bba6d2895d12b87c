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
    /// in front of registration fill for as long as it is held, and connections that arrive
    /// meanwhile time out their identity exchange up to one exchange timeout later (a warning
    /// that, counting since the first timeout, then stands to the end).
    public func effect(in config: AcceptConfig) -> FaultEffect {
        switch self {
        case .holdPeersLock(let hold):
            FaultEffect(
                symptoms: [.registrationQueueFull, .handshakeChannelFull], lasting: .for(hold),
                lastingHarm: [.identityExchangeTimeouts], aftermath: config.identityExchangeTimeout)
        case .connectionFlood: .none
        }
    }
}
