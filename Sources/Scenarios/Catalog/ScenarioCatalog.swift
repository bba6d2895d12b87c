import Engine

/// Every scenario stallscope knows: `steady` (the dashboard's default) and one per incident
/// behaviour that matters. Each says which steps of its incident's ladder stall; the test suite
/// checks both directions on several seeds.
public enum ScenarioCatalog {
    public static let all: [Scenario] = [
        Scenario(
            name: "steady", incident: nil,
            summary: "every subsystem under ordinary load, no faults",
            defaultDuration: .seconds(120), subsystems: SubsystemID.allCases),

        // MARK: Cold storage (see Engine/Cold/README.md)
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

        // MARK: Stream relay (see Engine/Relay/README.md)
        Scenario(
            name: "relay-upstream-drop", incident: .relay,
            summary: "an upstream drop cancels the forked handle of hop 3 although its data was buffered",
            defaultDuration: .seconds(120), subsystems: [.relay],
            timeline: [.init(at: .zero, .dropUpstream(hop: 3, afterFragments: 1))],
            stallingSteps: ["shared-cancel"]),
        Scenario(
            name: "relay-lost-wakeup", incident: .relay,
            summary: "hop 3 moves to a new connection; its pushes never wake the fork parked on its own wakers",
            defaultDuration: .seconds(120), subsystems: [.relay],
            timeline: [.init(at: .zero, .migrateUpstream(hop: 3, afterFragments: 1))],
            stallingSteps: ["shared-cancel"]),

        // MARK: Transport listener (see Engine/Listener/README.md)
        Scenario(
            name: "listener-wedged-slot", incident: .listener,
            summary: "a slot reserved but never committed makes the listener spin for every peer",
            defaultDuration: .seconds(60), subsystems: [.listener],
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

        // MARK: Accept loop (see Engine/Accept/README.md)
        Scenario(
            name: "accept-flood", incident: .accept,
            summary: "lock work on the accept loop fills the 32-slot handshake channel under a flood",
            defaultDuration: .seconds(90), subsystems: [.accept],
            // The contention knob: routing lookups and the maintenance scan hold the locks long
            // enough that registration on the accept loop cannot keep up (AcceptConfig.contended).
            parameters: [
                .init(key: "accept.routingLockHold", value: "50ms"),
                .init(key: "accept.maintenanceLockHold", value: "300ms"),
            ],
            timeline: [.init(at: .seconds(5), .connectionFlood(clients: 200, interval: .milliseconds(50)))],
            // spawn-per-connection drains the channel but herds every registration onto the lock.
            stallingSteps: ["inline", "spawn-per-connection"]),
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

        // MARK: Trust store (see Engine/Trust/README.md)
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
                .init(at: .seconds(10), .handshakeFlood(count: 50)),
                .init(at: .milliseconds(10_010), .cancel(.trust)),
            ],
            stallingSteps: ["read-locked-write"]),
    ]

    public static func named(_ name: String) throws(UsageError) -> Scenario {
        guard let scenario = all.first(where: { $0.name == name }) else {
            throw UsageError("unknown scenario '\(name)': valid scenarios are \(all.map(\.name).joined(separator: ", "))")
        }
        return scenario
    }
}
