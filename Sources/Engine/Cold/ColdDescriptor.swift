extension SubsystemID {
    public static let cold = SubsystemID(declaring: "cold")
}

extension SubsystemDescriptor {
    /// Cold storage: reader permits against the writer's drain.
    public static let cold = SubsystemDescriptor(
        id: .cold, title: "cold storage", policy: ColdPolicy.self, defaults: ColdConfig.default,
        actions: ColdAction.self,
        stallKinds: [.writerDrainBlocked, .dispatcherParked, .writeBackpressure, .shutdownHung],
        scenarios: ColdScenarios.all,
        commands: [
            OperatorCommand(key: "s", help: "inject a stuck reader (holds a read permit)") { (_: ColdSubsystem) in
                CommandState(label: "stuck reader", action: .injectStuckReaders(count: 1))
            },
            OperatorCommand(key: "S", help: "release the stuck readers") { (cold: ColdSubsystem) in
                CommandState(label: "release", isActive: cold.stuckReaders > 0, action: .releaseStuckReaders)
            },
            OperatorCommand(key: "b", help: "hang / unhang the backend call") { (cold: ColdSubsystem) in
                let hung = cold.isBackendHung
                return CommandState(
                    label: hung ? "unhang backend" : "hang backend", isActive: hung, action: .hangBackend(!hung))
            },
        ],
        knownWeaknesses: [
            KnownWeakness(
                .writesAppliedOrReported,
                why:
                    "a fire-and-forget write still queued (or waiting for the drain) when the task stops is dropped "
                    + "and nobody is told; the fixes bound shutdown, none drains the write channel")
        ],
        panels: ColdPanels.fill,
        make: { context, policy, config, _ in ColdSubsystem(context: context, policy: policy, config: config) })
}

/// The scenarios of the cold storage incident (see Cold/README.md).
enum ColdScenarios {
    static let all: [Scenario] = [
        Scenario(
            name: "cold-dispatch-deadlock", incident: .cold,
            summary: "a 65th concurrent read parks the dispatcher for good (task tracker)",
            defaultDuration: .seconds(60), subsystems: [.cold],
            parameters: [.init(key: "cold.readConcurrency", value: "96")],
            stallingSteps: ["tasktracker"]),
        Scenario(
            name: "cold-stuck-reader", incident: .cold,
            summary: "one stuck reader wedges the writer's uncancellable drain; writes pile up",
            defaultDuration: .seconds(90), subsystems: [.cold],
            timeline: [.init(at: .seconds(10), .injectStuckReaders(count: 1))],
            stallingSteps: ["tasktracker", "semaphore"]),
        Scenario(
            name: "cold-stream-saturation", incident: .cold,
            summary: "Scenario A: stream setup holds a read permit while all 8 stream slots are busy",
            defaultDuration: .seconds(120), subsystems: [.cold],
            parameters: [.init(key: "cold.logSubscribers", value: "12")],
            stallingSteps: ["tasktracker", "semaphore", "permit-attached"]),
        Scenario(
            name: "cold-stream-setup-hang", incident: .cold,
            summary: "Scenario B: a hung latestBlock call during stream setup wedges the drain forever",
            defaultDuration: .seconds(90), subsystems: [.cold],
            parameters: [.init(key: "cold.logSubscribers", value: "2")],
            timeline: [.init(at: .seconds(10), .hangBackend(true))],
            stallingSteps: ["tasktracker", "semaphore", "permit-attached"]),
        Scenario(
            name: "cold-shutdown-during-drain", incident: .cold,
            summary: "shutdown while the writer drains behind a stuck reader never finishes",
            defaultDuration: .seconds(60), subsystems: [.cold],
            timeline: [
                .init(at: .seconds(5), .injectStuckReaders(count: 1)),
                .init(at: .seconds(20), .cancel(.cold)),
            ],
            stallingSteps: ["tasktracker", "semaphore"]),
        Scenario(
            name: "cold-write-after-read-burst", incident: .cold,
            summary: "PR #57's test: 256 reads at once, then a block; a permit queued with its read must not strand",
            defaultDuration: .seconds(60), subsystems: [.cold],
            timeline: [.init(at: .seconds(10), .burstReadsThenWrite(reads: 256))],
            stallingSteps: ["tasktracker"]),
    ]
}
