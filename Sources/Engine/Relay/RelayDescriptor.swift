extension SubsystemID {
    public static let relay = SubsystemID(declaring: "relay")
}

extension SubsystemDescriptor {
    /// The stream relay: forked stream handles, lost wakeups and the inactivity timeout.
    public static let relay = SubsystemDescriptor(
        id: .relay, title: "stream relay", policy: RelayPolicy.self, defaults: RelayConfig.default,
        actions: RelayAction.self,
        stallKinds: [
            .relayForkCancelled, .relayHopGaveUp, .relayLostWakeup, .relaySlowHop, .relaySourceStopped, .relayStalled,
        ],
        scenarios: RelayScenarios.all,
        commands: [
            OperatorCommand(key: "x", help: "drop a relay upstream") { (_: RelaySubsystem) in
                CommandState(
                    label: "drop upstream", action: .dropUpstream(hop: RelayScenarios.incidentHop, afterFragments: 0))
            }
        ],
        panels: RelayPanels.fill,
        make: { context, policy, config, _ in RelaySubsystem(context: context, policy: policy, config: config) })
}

/// The scenarios of the stream relay incident (see Relay/README.md).
enum RelayScenarios {
    /// The hop whose upstream broke in the incident; `x` drops it too.
    static let incidentHop = 3

    static let all: [Scenario] = [
        Scenario(
            name: "relay-upstream-drop", incident: .relay,
            summary: "an upstream drop cancels the forked handle of hop 3 although its data was buffered",
            defaultDuration: .seconds(120), subsystems: [.relay],
            timeline: [.init(at: .zero, .dropUpstream(hop: incidentHop, afterFragments: 1))],
            stallingSteps: ["shared-cancel", "own-sync-state"]),
        Scenario(
            name: "relay-lost-wakeup", incident: .relay,
            summary: "a plain stream: with forks on their own sync state, pushes never wake the fork's parked reader",
            defaultDuration: .seconds(120), subsystems: [.relay],
            // No fault: fragments arriving gradually through the connection's handle are enough
            // once the fork has its own sync state and its reader still parks there (bug 2).
            stallingSteps: ["own-sync-state"]),
        Scenario(
            name: "relay-source-stops", incident: .relay,
            summary: "the source stops mid-stream; with no inactivity timeout every pipe waits forever",
            defaultDuration: .seconds(120), subsystems: [.relay],
            timeline: [.init(at: .seconds(2), .stopSource)],
            stallingSteps: ["shared-cancel", "own-sync-state"]),
    ]
}
