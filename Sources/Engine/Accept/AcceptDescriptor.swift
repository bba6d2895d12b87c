extension SubsystemID {
    public static let accept = SubsystemID(declaring: "accept")
}

extension SubsystemDescriptor {
    /// The accept loop: registration work off the hot path, without a thundering herd.
    public static let accept = SubsystemDescriptor(
        id: .accept, title: "accept loop", policy: AcceptPolicy.self, defaults: AcceptConfig.default,
        actions: AcceptAction.self,
        stallKinds: [
            .handshakeChannelFull, .identityExchangeTimeouts, .staleEntries, .lockHerd, .registrationQueueFull,
        ],
        scenarios: AcceptScenarios.all,
        commands: [
            OperatorCommand(key: "f", help: "flood the accept loop with connections") { (_: AcceptSubsystem) in
                CommandState(
                    label: "flood",
                    action: .connectionFlood(
                        clients: AcceptScenarios.operatorFloodClients, interval: AcceptScenarios.operatorFloodInterval))
            },
            OperatorCommand(key: "l", help: "hold the peers lock for 10 s") { (_: AcceptSubsystem) in
                CommandState(label: "peers lock", action: .holdPeersLock(AcceptScenarios.operatorPeersLockHold))
            },
        ],
        panelRefresh: .throttled,
        panels: AcceptPanels.fill,
        make: { context, policy, config, _ in AcceptSubsystem(context: context, policy: policy, config: config) })
}

/// The scenarios of the accept loop incident, and the operator's faults (see Accept/README.md).
enum AcceptScenarios {
    /// A flood from the keyboard (`f`): clients, one every this interval; five times the
    /// incident's stress test, so the handshake channel fills under every contended step.
    static let operatorFloodClients = 200
    static let operatorFloodInterval: Duration = .milliseconds(20)
    /// How long `l` holds the peers write lock: past the 10 s identity timeout.
    static let operatorPeersLockHold: Duration = .seconds(10)

    /// The contention knob (see Accept/README.md, constants): routing lookups hold the `peers`
    /// read lock and the maintenance scan each write lock long enough that registration on the
    /// accept loop cannot keep up with a flood (AcceptConfig.contended).
    static let contention: [ParameterOverride] = [
        .init(key: "accept.routingLockHold", value: "300ms"),
        .init(key: "accept.maintenanceLockHold", value: "600ms"),
    ]

    static let all: [Scenario] = [
        Scenario(
            name: "accept-flood", incident: .accept,
            summary: "the PR's 40-client flood: lock work on the accept loop fills the 32-slot handshake channel",
            defaultDuration: .seconds(90), subsystems: [.accept],
            parameters: contention,
            timeline: [.init(at: .seconds(5), .connectionFlood(clients: 40, interval: .milliseconds(50)))],
            // PR #82 passed this test: spawning frees the loop, and 40 registrations are no herd.
            stallingSteps: ["inline"]),
        Scenario(
            name: "accept-stale-entry", incident: .accept,
            summary: "connections lost before their registration runs leave entries nothing removes",
            defaultDuration: .seconds(60), subsystems: [.accept],
            // Clients leave 1 s after identity exchange; the peers lock is held past the 10 s
            // identity timeout, so losses are handled while registrations still wait.
            parameters: [
                .init(key: "accept.clientSession", value: "1s"),
                .init(key: "accept.backgroundConnectionInterval", value: "0s"),
            ],
            timeline: [
                .init(at: .seconds(5), .holdPeersLock(.seconds(12))),
                .init(at: .seconds(5), .connectionFlood(clients: 40, interval: .milliseconds(50))),
            ],
            stallingSteps: ["inline", "spawn-per-connection"]),
        Scenario(
            name: "accept-spawn-herd", incident: .accept,
            summary: "the PR's flood under lock contention, clients gone once identified: the herd registers them late",
            defaultDuration: .seconds(90), subsystems: [.accept],
            // No lock held by the operator: the herd of registration tasks queued on the
            // contended locks is itself the delay, and clients that close right after identity
            // exchange (a connection established and lost at once, the review's window) are
            // handled as lost before their registration runs.
            parameters: contention + [
                .init(key: "accept.clientSession", value: "0s"),
                .init(key: "accept.backgroundConnectionInterval", value: "0s"),
            ],
            timeline: [.init(at: .seconds(5), .connectionFlood(clients: 40, interval: .milliseconds(50)))],
            stallingSteps: ["inline", "spawn-per-connection"]),
    ]
}
