import Backpressure
import Runtime

/// Peers joining at a rate, an approver deciding pending requests, revocations and expiry
/// sweeps: the load that drives every mutation path of the trust manager.
final class HandshakeWorkload: Sendable {
    private let manager: TrustManager
    private let config: TrustConfig
    private let runtime: any Runtime
    /// Handshakes processed at once; an arrival that finds none free is dropped.
    let handshakeSlots: AsyncSemaphore
    /// The generator loops; `stopped` once `stop` ran, so a `start` that comes later (it runs
    /// after the manager loaded) cancels what it spawned.
    private let loops = LockedState<(tasks: [RuntimeTask], stopped: Bool)>(([], false))
    private let floods = LockedState(0)

    init(manager: TrustManager, config: TrustConfig, context: EngineContext) {
        self.manager = manager
        self.config = config
        self.runtime = context.runtime
        self.handshakeSlots = AsyncSemaphore(
            name: "trust.handshakes", permits: config.handshakeConcurrencyLimit, timeSource: context.timeSource)
        context.instruments.register(handshakeSlots, owner: InstrumentOwner(.trust))
    }

    func start() {
        let arrivals = runtime.random.fork("trust.arrivals")
        let decisions = runtime.random.fork("trust.decisions")
        let revocations = runtime.random.fork("trust.revocations")
        var started: [RuntimeTask] = []
        if config.joinRatePerSecond > 0 {
            let mean = Duration.seconds(1.0 / config.joinRatePerSecond)
            started.append(
                runtime.spawn("trust.arrivals") { [self] in
                    while !Task.isCancelled {
                        do { try await runtime.sleep(for: arrivals.exponential(mean: mean)) } catch { return }
                        let peer = arrivals.int(in: 0..<config.peerPoolSize)
                        admit(nodeId: "peer-\(peer)", source: "net-\(peer % config.sourceCount)")
                    }
                })
        }
        started.append(
            runtime.spawn("trust.approver") { [self] in
                while !Task.isCancelled {
                    do { try await runtime.sleep(for: config.approvalInterval) } catch { return }
                    try? await decideOldestPending(decisions)
                }
            })
        if config.revokeRatePerSecond > 0 {
            let mean = Duration.seconds(1.0 / config.revokeRatePerSecond)
            started.append(
                runtime.spawn("trust.revoker") { [self] in
                    while !Task.isCancelled {
                        do { try await runtime.sleep(for: revocations.exponential(mean: mean)) } catch { return }
                        let trusted = manager.currentTrust.trusted.keys.sorted()
                        guard !trusted.isEmpty else { continue }
                        let nodeId = trusted[revocations.int(in: 0..<trusted.count)]
                        let revoke = TrustMutation.revoke(nodeId: nodeId, period: config.revocationPeriod)
                        _ = try? await manager.mutate(revoke, by: "revoke \(nodeId)")
                    }
                })
        }
        started.append(
            runtime.spawn("trust.expiry") { [self] in
                while !Task.isCancelled {
                    do { try await runtime.sleep(for: config.expirySweepInterval) } catch { return }
                    _ = try? await manager.mutate(.expire, by: "expiry sweep")
                }
            })
        let tooLate = loops.withLock { loops in
            if !loops.stopped { loops.tasks.append(contentsOf: started) }
            return loops.stopped
        }
        if tooLate { for loop in started { loop.cancel() } }
    }

    /// Ends the generators; handshakes already admitted finish on their own.
    func stop() {
        let running = loops.withLock { loops in
            loops.stopped = true
            defer { loops.tasks.removeAll() }
            return loops.tasks
        }
        for loop in running { loop.cancel() }
    }

    /// `count` new peers from one source at once.
    func flood(count: Int) {
        let flood = floods.withLock { floods in
            floods += 1
            return floods
        }
        for index in 0..<count {
            admit(nodeId: "flood\(flood)-\(index)", source: "flood-\(flood)")
        }
    }

    private func admit(nodeId: String, source: String) {
        let slot: OwnedSemaphorePermit
        do {
            slot = try handshakeSlots.tryAcquireOwned()
        } catch {
            manager.noteHandshakeDropped()
            return
        }
        runtime.spawn("handshake \(nodeId)") { [manager] in
            _ = try? await manager.handshake(nodeId: nodeId, publicKey: "key-\(nodeId)", source: source)
            slot.release()
        }
    }

    private func decideOldestPending(_ random: RandomSource) async throws {
        let oldest = manager.currentTrust.pending.values.min {
            ($0.receivedAt, $0.nodeId) < ($1.receivedAt, $1.nodeId)
        }
        guard let request = oldest else { return }
        if random.chance(config.rejectChance) {
            try await manager.mutate(.reject(nodeId: request.nodeId), by: "reject \(request.nodeId)")
            return
        }
        let approve = TrustMutation.approve(nodeId: request.nodeId, network: request.source)
        let outcome = try await manager.mutate(approve, by: "approve \(request.nodeId)")
        if outcome.isChange, random.chance(config.mutualChance) {
            try await manager.mutate(.markMutual(nodeId: request.nodeId), by: "mutual \(request.nodeId)")
        }
    }
}
