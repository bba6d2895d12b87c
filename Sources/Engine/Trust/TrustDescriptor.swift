extension SubsystemID {
    public static let trust = SubsystemID(declaring: "trust")
}

extension SubsystemDescriptor {
    /// The trust store: persistence off the lock, visible lag, nothing lost.
    public static let trust = SubsystemDescriptor(
        id: .trust, title: "trust store", policy: TrustPolicy.self, defaults: TrustConfig.default,
        actions: TrustAction.self,
        stallKinds: [.trustLockHeld, .trustPersistenceLag, .trustChangesLost, .trustFileUnparseable],
        scenarios: TrustScenarios.all,
        commands: [
            OperatorCommand(key: "d", help: "cycle the trust store's disk latency") { (trust: TrustSubsystem) in
                let current = trust.diskLatency
                let steps = TrustScenarios.operatorDiskLatencies
                let next = steps.first { $0 > current } ?? steps[0]
                let label = current > .zero ? "disk \(DurationSyntax.format(current))" : "slow disk"
                return CommandState(label: label, isActive: current > .zero, action: .setDiskLatency(next))
            }
        ],
        outsideValues: TrustDiskOutcome.self, panelRefresh: .throttled,
        panels: TrustPanels.fill,
        make: { context, policy, config, environment in
            if let directory = environment.stateDirectory {
                TrustSubsystem.withRealFiles(context: context, policy: policy, config: config, directory: directory)
            } else {
                TrustSubsystem(context: context, policy: policy, config: config)
            }
        })
}

/// The scenarios of the trust store incident, and the operator's disk latencies (see Trust/README.md).
enum TrustScenarios {
    /// The fsync latencies `d` steps through, from the current one to the next larger, then
    /// back to none.
    static let operatorDiskLatencies: [Duration] = [.zero, .milliseconds(10), .milliseconds(50), .milliseconds(200)]

    static let all: [Scenario] = [
        Scenario(
            name: "trust-slow-disk", incident: .trust,
            summary: "fsync under the handshake lock stalls every handshake on a slow disk",
            defaultDuration: .seconds(60), subsystems: [.trust],
            timeline: [
                .init(at: .seconds(5), .setDiskLatency(.milliseconds(200))),
                .init(at: .seconds(10), .handshakeFlood(count: 200)),
            ],
            stallingSteps: ["under-lock", "read-locked-write"]),
        Scenario(
            name: "trust-stop-loses-changes", incident: .trust,
            summary: "stopping the manager right after changes loses them (no final save)",
            defaultDuration: .seconds(30), subsystems: [.trust],
            timeline: [
                .init(at: .seconds(5), .setDiskLatency(.milliseconds(50))),
                // The first flood's changes start a save; the second's land while it writes, so
                // only a save after them (the final one) can keep them.
                .init(at: .seconds(10), .handshakeFlood(count: 50)),
                .init(at: .milliseconds(10_020), .handshakeFlood(count: 50)),
                .init(at: .milliseconds(10_030), .cancel(.trust)),
            ],
            // under-lock keeps every change but serialises the handshakes behind each fsync.
            stallingSteps: ["under-lock", "read-locked-write"]),
    ]
}
