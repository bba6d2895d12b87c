import Runtime

/// The trust store subsystem (incident 5): a handshake manager persisting its trust state, a
/// handshake workload, and the faults behind the stall: a slow disk, failing writes, a
/// handshake flood, a hung call, stopping the manager.
public final class TrustSubsystem: EngineSubsystem {
    public var id: SubsystemID { .trust }
    public let policy: TrustPolicy
    public let config: TrustConfig
    public let manager: TrustManager
    private let workload: HandshakeWorkload
    public let context: EngineContext

    /// With `disk` nil the trust file lives on a `SimulatedTrustDisk` (tests, headless runs).
    /// The disk starts at `config.fsyncLatency`.
    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: TrustPolicy, config: TrustConfig = .default, disk: (any TrustDisk)? = nil,
        withholding: Set<TrustFixElement> = []
    ) {
        self.context = context
        self.policy = policy
        self.config = config
        let disk = disk ?? SimulatedTrustDisk(runtime: context.runtime)
        disk.faults.fsyncLatency = config.fsyncLatency
        self.manager = TrustManager(
            context: context, policy: policy, config: config, disk: disk, withholding: withholding)
        self.workload = HandshakeWorkload(manager: manager, config: config, context: context)
    }

    /// The trust file in a real directory (the dashboard's `$XDG_STATE_HOME/stallscope/` or
    /// `--state-dir`; see `StateDirectory`).
    public static func withRealFiles(
        context: EngineContext, policy: TrustPolicy, config: TrustConfig = .default, directory: String
    ) -> TrustSubsystem {
        let disk = TrustFileDisk(directory: directory, runtime: context.runtime, inputs: context.outsideInputs)
        return TrustSubsystem(context: context, policy: policy, config: config, disk: disk)
    }

    public var disk: any TrustDisk { manager.disk }

    public var policyStep: String { policy.rawValue }

    /// Loads the trust file, then starts the saver and the handshake workload.
    public func start() {
        context.runtime.spawn("trust.start") { [manager, workload] in
            await manager.start()
            workload.start()
        }
    }

    /// Ends the workload and stops the manager as the policy does (the `c` key).
    public func stop() async {
        workload.stop()
        await manager.stop()
    }

    /// Every change acknowledged before stop is in the file on the simulated disk, or was
    /// reported lost (`TrustManager.persistenceViolations`). Real files are not read back: the
    /// explorer runs on the simulated disk.
    public func violationsAfterStop() -> [InvariantViolation] {
        guard let disk = disk as? SimulatedTrustDisk else { return [] }
        return manager.persistenceViolations(file: disk.contents(of: TrustFile.fileName)).map {
            InvariantViolation(.acknowledgedChangesOnDisk, by: .trust, $0)
        }
    }

    /// `stop()` from a synchronous caller (the dashboard's `c` key): spawned on the runtime.
    public func requestStop() {
        context.events.info(.trust, "stop requested")
        context.runtime.spawn("trust.stop") { [self] in await stop() }
    }

    // MARK: Faults

    public func setDiskLatency(_ latency: Duration) {
        disk.faults.fsyncLatency = latency
        context.events.info(.trust, "disk latency \(TrustStallDetector.readable(latency)) per fsync")
    }

    /// How long each fsync takes now.
    public var diskLatency: Duration { disk.faults.fsyncLatency }

    public func setFailingWrites(_ failing: Bool) {
        disk.faults.failingWrites = failing
        context.events.info(.trust, failing ? "trust writes now fail" : "trust writes succeed again")
    }

    /// `count` new peers handshake at once, all from one source.
    public func flood(count: Int? = nil) {
        let count = count ?? config.floodSize
        context.events.info(.trust, "handshake flood: \(count) new peers from one source")
        workload.flood(count: count)
    }

    public func snapshot(latencies: TrustLatencies = .all) -> TrustSnapshot { manager.snapshot(latencies: latencies) }

    // MARK: EngineSubsystem

    /// Scenario and dashboard actions aimed at the trust store.
    public func apply(_ action: EngineAction) {
        switch action.operation {
        case .cancel: requestStop()
        case .fault(let fault as TrustAction):
            switch fault {
            case .setDiskLatency(let latency): setDiskLatency(latency)
            case .failDiskWrites(let failing): setFailingWrites(failing)
            case .handshakeFlood(let count): flood(count: count)
            }
        case .fault:
            context.events.info(.trust, "ignored \(action): not a trust store action")
        }
    }

    public func stallWarnings() -> [StallWarning] { manager.stallWarnings() }

    public func metrics() -> [String: Double] { snapshot().metrics }
}
