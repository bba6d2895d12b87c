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
