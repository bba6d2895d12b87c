import Engine
import Runtime

/// A listener on a deterministic runtime, sized for fast tests: fewer peers, more packets each,
/// so faults show within seconds of virtual time.
struct ListenerHarness {
    let runtime: DeterministicRuntime
    let context: EngineContext
    let subsystem: ListenerSubsystem

    static func smallConfig() -> ListenerConfig {
        var config = ListenerConfig.incident
        config.peerCount = 20
        config.peerPacketRatePerSecond = 5
        return config
    }

    init(policy: ListenerPolicy, seed: UInt64 = 7, config: ListenerConfig = Self.smallConfig(), start: Bool = true) {
        runtime = DeterministicRuntime(seed: seed)
        context = EngineContext(runtime: runtime)
        subsystem = ListenerSubsystem(context: context, policy: policy, config: config)
        if start { subsystem.start() }
    }

    func run(for duration: Duration) -> ListenerSnapshot {
        runtime.run(for: duration)
        return subsystem.snapshot()
    }

    /// Stops the subsystem (which drains every consumer) and returns the final snapshot.
    func stop() -> ListenerSnapshot {
        let subsystem = subsystem
        let stopped = ListenerTestFlag()
        runtime.spawn("test.stop") {
            await subsystem.stop()
            stopped.set()
        }
        let done = runtime.run(until: { stopped.isSet }, limit: .seconds(60))
        precondition(done, "the listener did not stop within a minute of virtual time")
        return subsystem.snapshot()
    }
}
