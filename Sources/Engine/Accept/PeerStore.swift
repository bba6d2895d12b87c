import Backpressure
import Runtime

/// The node's peer maps behind whatever guards them under the policy: two async write locks
/// (`inline`, `spawn-per-connection`) or none (`fixed`, a concurrent map whose only writer is
/// the registration consumer).
///
/// Every operation takes the configured work time (`registrationLockHold`, `routingLockHold`,
/// `maintenanceLockHold`) on the clock, under the lock when there is one: that hold is what
/// other tasks queue behind.
final class PeerStore: Sendable {
    let table = PeerTable()
    /// nil under `fixed`.
    let peersLock: AsyncWriteLock?
    let activeLock: AsyncWriteLock?
    /// `fixed`: closed while the operator holds the peers map; the registration consumer (its
    /// only writer) parks here, so the hold shows up as registration backlog.
    let mapHold: Gate
    private let mapHolds = LockedState(0)
    private let runtime: any Runtime
    private let config: AcceptConfig

    init(runtime: any Runtime, policy: AcceptPolicy, config: AcceptConfig) {
        self.runtime = runtime
        self.config = config
        if policy.usesAsyncLocks {
            peersLock = AsyncWriteLock(name: "accept.peers", clock: runtime.clock)
            activeLock = AsyncWriteLock(name: "accept.activeConnections", clock: runtime.clock)
        } else {
            peersLock = nil
            activeLock = nil
        }
        mapHold = Gate(name: "accept.peers-map", open: true)
    }

    /// Accept path: insert into `peers`, then mark in `activeConnections` (the order of the
    /// node's accept loop).
    func register(_ connection: InboundConnection, holder: String) async throws {
        try await guarded(peersLock, holder: holder, work: config.registrationLockHold) {
            self.table.insertPeer(connection)
        }
        try await guarded(activeLock, holder: holder, work: config.registrationLockHold) {
            self.table.markActive(connection.id)
        }
    }

    /// Lost path: `activeConnections` first, then `peers` (the lifecycle monitor's order, the
    /// reverse of registration's). Once both are done the loss counts as handled.
    func forget(_ connectionID: Int, holder: String) async throws {
        try await guarded(activeLock, holder: holder, work: config.registrationLockHold) {
            self.table.removeActive(connectionID)
        }
        try await guarded(peersLock, holder: holder, work: config.registrationLockHold) {
            self.table.removePeer(connectionID)
        }
        table.lostHandled(connectionID)
    }

    /// The reader's last identity-exchange step: record the verified identity on the peer.
    /// The reader does not take the `peers` lock for it (the seed's reader task runs identity
    /// exchange on the connection alone), so only a late reader spawn can time it out.
    func recordIdentity(_ connection: InboundConnection, holder: String) async throws {
        try await guarded(nil, holder: holder, work: config.registrationLockHold) {
            self.table.recordIdentity(connection.id)
        }
    }

    /// A message handler resolving where to route: reads `peers`.
    func routingLookup(holder: String) async throws {
        try await guarded(peersLock, holder: holder, work: config.routingLockHold, reading: true) {
            _ = self.table.peerCount
        }
    }

    /// The periodic maintenance scan: walks both maps, holding each lock in turn. It removes
    /// nothing, which is why a stale entry stays.
    func maintenanceScan() async throws {
        try await guarded(peersLock, holder: "maintenance scan", work: config.maintenanceLockHold) {
            _ = self.table.peerCount
        }
        try await guarded(activeLock, holder: "maintenance scan", work: config.maintenanceLockHold) {
            _ = self.table.activeCount
        }
    }

    /// Operator fault: hold the peers lock (or, under `fixed`, the peers map) for `duration`.
    func holdPeers(for duration: Duration) async throws {
        if let peersLock {
            try await peersLock.withLock(holder: "operator hold") {
                try await self.runtime.sleep(for: duration)
            }
        } else {
            // Overlapping holds: the map is free again only when the last one ends.
            if mapHolds.withLock({ holds in
                holds += 1
                return holds == 1
            }) {
                mapHold.close()
            }
            defer {
                if mapHolds.withLock({ holds in
                    holds -= 1
                    return holds == 0
                }) {
                    mapHold.open()
                }
            }
            try await runtime.sleep(for: duration)
        }
    }

    /// Shutdown: nobody stays parked on a lock or the map hold.
    func close() {
        peersLock?.close()
        activeLock?.close()
        mapHold.open()
    }

    private func guarded(
        _ lock: AsyncWriteLock?, holder: String, work: Duration, reading: Bool = false,
        _ mutate: @escaping @Sendable () -> Void
    ) async throws {
        guard let lock else {
            try await doWork(work)
            mutate()
            return
        }
        let body: @Sendable () async throws -> Void = {
            try await self.doWork(work)
            mutate()
        }
        if reading {
            try await lock.withReadLock(holder: holder, body)
        } else {
            try await lock.withLock(holder: holder, body)
        }
    }

    private func doWork(_ work: Duration) async throws {
        if work > .zero { try await runtime.sleep(for: work) }
    }
}
