extension SubsystemID {
    public static let listener = SubsystemID(declaring: "listener")
}

extension SubsystemDescriptor {
    /// The transport listener: a forwarding path that must never block.
    public static let listener = SubsystemDescriptor(
        id: .listener, title: "transport listener", policy: ListenerPolicy.self, defaults: ListenerConfig.default,
        actions: ListenerAction.self,
        stallKinds: [.listenerBlocked, .listenerSpinning, .consumerSpinning, .apiUnanswered],
        scenarios: ListenerScenarios.all,
        commands: [
            OperatorCommand(key: "w", help: "wedge / clear a listener slot") { (listener: ListenerSubsystem) in
                let wedged = listener.isSlotWedged
                return CommandState(
                    label: wedged ? "clear slot" : "wedge slot", isActive: wedged, action: .wedgeListenerSlot(!wedged))
            },
            OperatorCommand(key: "n", help: "stall / resume the NAT consumer") { (listener: ListenerSubsystem) in
                let stalled = listener.isNatConsumerStalled
                return CommandState(
                    label: stalled ? "resume NAT" : "stall NAT", isActive: stalled, action: .stallNatConsumer(!stalled))
            },
        ],
        panelRefresh: .throttled,
        panels: ListenerPanels.fill,
        make: { context, policy, config, _ in ListenerSubsystem(context: context, policy: policy, config: config) })
}

/// The scenarios of the transport listener incident (see Listener/README.md).
enum ListenerScenarios {
    static let all: [Scenario] = [
        Scenario(
            name: "listener-wedged-slot", incident: .listener,
            summary: "a slot reserved but never committed makes the listener spin for every peer",
            defaultDuration: .seconds(60), subsystems: [.listener],
            // A small ring, so the wedged peer's channel wraps onto its wedged slot within the
            // run (a 2,048-slot ring at this peer's 0.25 packets/s would take hours): only then
            // does the listener's own send land on it and spin, as crossbeam's does.
            parameters: [.init(key: "listener.peerInboundChannelCapacity", value: "4")],
            timeline: [.init(at: .seconds(10), .wedgeListenerSlot(true))],
            stallingSteps: ["spin-channel"]),
        Scenario(
            name: "listener-nat-full", incident: .listener,
            summary: "a full NAT channel blocks the listener loop that awaits its send",
            defaultDuration: .seconds(60), subsystems: [.listener],
            timeline: [.init(at: .seconds(10), .stallNatConsumer(true))],
            // spin-channel too: its NAT forward was fast_channel's awaited send_async, the same
            // semantics PR #3960 kept (review on the PR: "not a regression").
            stallingSteps: ["spin-channel", "await-nat"]),
    ]
}
