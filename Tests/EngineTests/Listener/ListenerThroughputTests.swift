import Engine
import Runtime
import Testing

/// The incident's full size (200 peers) must run far faster than real time on the
/// deterministic runtime: scenarios run ten virtual minutes of every subsystem in seconds. Two
/// virtual minutes here keep the suite fast (ten took 1.6 s of CPU in a debug build).
@Suite struct ListenerThroughputTests {
    static let virtualRun: Duration = .seconds(120)

    @Test func twoHundredPeersForTwoVirtualMinutes() {
        let runtime = DeterministicRuntime(seed: 1)
        let listener = ListenerSubsystem(context: EngineContext(runtime: runtime), policy: .fixed, config: .incident)
        listener.start()
        let wallStart = ContinuousClock.now
        runtime.run(for: Self.virtualRun)
        let wall = ContinuousClock.now - wallStart
        let snapshot = listener.snapshot()
        print(
            "listener: \(Self.virtualRun) virtual of 200 peers in \(wall), \(runtime.jobsExecuted) jobs, \(snapshot.packetsForwarded) packets"
        )
        // 62 packets per virtual second, all forwarded, none dropped.
        #expect(snapshot.packetsForwarded == 120 * 62)
        #expect(snapshot.drops.total == 0)
        #expect(snapshot.warnings.isEmpty)
    }
}
