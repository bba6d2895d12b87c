import Engine
import Runtime
import Synchronization

/// Runs an accept subsystem on a deterministic runtime: the flood of Sources/Engine/Accept/README.md and
/// the settings the tests vary.
struct AcceptHarness {
    let runtime: DeterministicRuntime
    let subsystem: AcceptSubsystem

    init(policy: AcceptPolicy, config: AcceptConfig = .incident, seed: UInt64 = 1) {
        var config = config
        // Only the clients a test starts: the counts below are theirs.
        config.backgroundConnectionInterval = .zero
        runtime = DeterministicRuntime(seed: seed)
        subsystem = AcceptSubsystem(context: EngineContext(runtime: runtime), policy: policy, config: config)
        subsystem.start()
    }

    /// The incident's stress test: `clients` clients `interval` apart, then the 30 s join.
    func flood(clients: Int, interval: Duration = .milliseconds(50), sources: Int? = nil) -> AcceptSnapshot {
        subsystem.flood(clients: clients, interval: interval, sources: sources)
        runtime.run(for: interval * (clients - 1) + Self.join)
        subsystem.checkInvariants()
        return subsystem.snapshot()
    }

    /// The operator holds the peers lock for `hold` while `clients` clients arrive 50 ms apart;
    /// the snapshot is taken `at` since the start, mid-stall.
    func floodWhileHoldingPeers(for hold: Duration, clients: Int, snapshotAt at: Duration) -> AcceptSnapshot {
        subsystem.holdPeersLock(for: hold)
        subsystem.flood(clients: clients, interval: .milliseconds(50))
        runtime.run(until: RuntimeInstant(sinceStart: at))
        return subsystem.snapshot()
    }

    /// The test's join timeout: every client has connected and settled its identity exchange.
    static let join: Duration = .seconds(30)

    /// Stops the subsystem and checks nothing it spawned is left running.
    func stop() -> Bool {
        let stopped = Atomic<Bool>(false)
        runtime.spawn("stop") { [subsystem] in
            await subsystem.stop()
            stopped.store(true, ordering: .relaxed)
        }
        let done = runtime.run(until: { stopped.load(ordering: .relaxed) }, limit: .seconds(60))
        subsystem.checkInvariants()
        return done && subsystem.runningTasks == 0
    }
}
