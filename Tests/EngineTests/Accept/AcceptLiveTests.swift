import Engine
import Runtime
import Testing

/// The accept path on the real multi-threaded executor and wall clock: the same code must hold
/// up under real concurrency (the deterministic runtime interleaves only one way per seed).
/// Work times are zero and timeouts generous, so the outcome does not depend on how loaded the
/// machine is; what is checked is that nothing is lost, double-counted or left running.
@Suite struct AcceptLiveTests {
    /// How long the test waits for an outcome before declaring it missing.
    static let wallClockGuard: Duration = .seconds(30)
    static let clients = 30

    @Test(arguments: AcceptPolicy.allCases)
    func floodSettlesAndStopsCleanly(policy: AcceptPolicy) async throws {
        var config = AcceptConfig.incident
        config.backgroundConnectionInterval = .zero
        config.connectHandshakeLatency = .zero
        config.identityVerifyLatency = .zero
        config.registrationLockHold = .zero
        config.routingLockHold = .zero
        config.maintenanceLockHold = .zero
        config.maintenanceInterval = .milliseconds(5)
        config.clientSession = .zero
        config.identityExchangeTimeout = .seconds(60)
        config.connectTimeout = .seconds(60)
        let runtime = LiveRuntime(seed: 1)
        let subsystem = AcceptSubsystem(context: EngineContext(runtime: runtime), policy: policy, config: config)
        subsystem.start()
        subsystem.flood(clients: Self.clients, interval: .zero)
        let settled = try await waitUntil {
            let snapshot = subsystem.snapshot()
            return snapshot.lostEvents == Self.clients && snapshot.registrationQueueLength == 0
        }
        #expect(settled)
        let snapshot = subsystem.snapshot()
        #expect(snapshot.identityOK == Self.clients)
        #expect(snapshot.accepted == snapshot.readerTasksSpawned)
        if policy != .spawnPerConnection {
            #expect(snapshot.staleEntries == 0)
        }
        await subsystem.stop()
        #expect(subsystem.runningTasks == 0)
        subsystem.checkInvariants()
    }

    private func waitUntil(_ condition: () -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.wallClockGuard)
        while !condition() {
            guard clock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}
