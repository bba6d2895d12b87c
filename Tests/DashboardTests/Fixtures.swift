import Backpressure
import Dashboard
import DashboardModel

/// View models for the panel tests: a busy node mid-stall and an idle one.
enum Fixtures {
    static func at(_ seconds: Double) -> Duration { .milliseconds(Int64(seconds * 1000)) }

    static func header(paused: Bool = false, warnings: Int = 2) -> HeaderViewModel {
        HeaderViewModel(
            scenario: "cold-stuck-reader", policy: "cold=semaphore", seed: 7, speed: 4,
            virtualTime: at(42.3), isPaused: paused, warningCount: warnings, themeName: "dark")
    }

    static let permits = PermitsViewModel(pools: [
        PermitPool(
            name: "cold.read-permits", total: 64, held: 41, available: 23, waiters: 3, waitingPermits: 66,
            longestWait: .milliseconds(3_200), highWater: 64, isClosed: false,
            holders: [
                .init(label: "read #17", permits: 1, age: .milliseconds(4_100)),
                .init(label: "read #22", permits: 1, age: .milliseconds(2_050)),
                .init(label: "read #31", permits: 1, age: .milliseconds(1_130)),
                .init(label: "read #40", permits: 1, age: .milliseconds(420)),
                .init(label: "writer drain", permits: 23, age: .milliseconds(3_200)),
            ]),
        PermitPool(
            name: "relay.stream-slots", total: 8, held: 6, available: 2, waiters: 0, waitingPermits: 0,
            longestWait: nil, highWater: 8, isClosed: false,
            holders: [
                .init(label: "stream s4", permits: 1, age: .seconds(31)),
                .init(label: "stream s5", permits: 1, age: .seconds(12)),
            ]),
    ])

    static let channels = ChannelsViewModel(rows: [
        ChannelRow(
            name: "cold.write", length: 12, reserved: 0, capacity: 256, highWater: 40, fullPerSecond: 0,
            waitingSenders: 0, isClosed: false, fillHistory: (0..<60).map { Double($0 % 12) / 40 }),
        ChannelRow(
            name: "peer[3].in", length: 2_048, reserved: 0, capacity: 2_048, highWater: 2_048, fullPerSecond: 1_230,
            waitingSenders: 4, isClosed: false, fillHistory: (0..<60).map { min(1, Double($0) / 30) }),
        ChannelRow(
            name: "handshake", length: 7, reserved: 1, capacity: 32, highWater: 19, fullPerSecond: 0.5,
            waitingSenders: 0, isClosed: false, fillHistory: [0.1, 0.2, 0.25, 0.2]),
        ChannelRow(
            name: "nat", length: 0, reserved: 0, capacity: 100, highWater: 3, fullPerSecond: 0,
            waitingSenders: 0, isClosed: true, fillHistory: []),
    ])

    static let streams = StreamsViewModel(rows: [
        StreamRow(
            id: "s4", kind: "relay", hopsDone: 3, hopsTotal: 10, bytes: 1_200, totalBytes: 253_000,
            idleFor: .seconds(31), state: .stalled, detail: "hop 4 upstream dropped, waiting for wake-up",
            owner: InstrumentOwner(component: "relay", item: "4")),
        StreamRow(
            id: "s5", kind: "relay", hopsDone: 10, hopsTotal: 10, bytes: 253_000, totalBytes: 253_000,
            idleFor: nil, state: .done, owner: InstrumentOwner(component: "relay", item: "5")),
        StreamRow(
            id: "#23", kind: "cold", hopsDone: 0, hopsTotal: 0, bytes: 48, totalBytes: nil,
            idleFor: .milliseconds(200), state: .active, detail: "streamLogs, streaming", unit: "logs",
            owner: InstrumentOwner(component: "cold", item: "#23")),
        StreamRow(
            id: "s6", kind: "relay", hopsDone: 2, hopsTotal: 10, bytes: 500, totalBytes: 253_000,
            idleFor: .seconds(2), state: .failed, detail: "cancelled by operator",
            owner: InstrumentOwner(component: "relay", item: "6")),
    ])

    static let writer = WriterViewModel(
        state: "DRAINING", drained: 63, drainTarget: 64, blockedBy: "read #17",
        stateFor: .milliseconds(3_200), lastWriteAgo: .milliseconds(3_900),
        queueLength: 5, queueCapacity: 16)

    static let trust = TrustViewModel(
        persistenceLag: .milliseconds(230), coalescedMutations: 17,
        fsync: LatencyFigures(count: 120, p50: .milliseconds(48), p99: .milliseconds(71), max: .milliseconds(90)),
        lockHold: LatencyFigures(count: 4_000, p50: .microseconds(4), p99: .microseconds(20), max: .microseconds(310)),
        saves: 120, saveFailures: 1, diskLatency: .milliseconds(50), unsavedAtStop: nil)

    static let transport = TransportViewModel(
        loopLatency: LatencyFigures(
            count: 10_000, p50: .microseconds(80), p99: .milliseconds(2), max: .milliseconds(9)),
        spinPerSecond: 0, handshakeBacklog: 7, handshakeCapacity: 32, identityExchangeSucceeded: 120,
        identityExchangeFailed: 2, wedgedSlots: 1, natQueueLength: 0, natQueueCapacity: 100,
        registrationBacklog: 12, registrationCapacity: nil,
        peersLock: LockHolding(holder: "operator hold", heldFor: .milliseconds(3_400), waiters: 5))

    static let warnings = [
        WarningLine(
            kind: "writer-drain-blocked", source: "cold", sourceTitle: "cold storage", since: at(35.1),
            cause: "writer drain blocked 7.2s by read #17 holding a permit: streamLogs setup, backend latestBlock"),
        WarningLine(
            kind: "relay-stream-stalled", source: "relay", sourceTitle: "stream relay", since: at(11.3),
            cause: "stream s4 stalled at hop 4: upstream dropped, no wake-up"),
    ]

    /// Thirty events 1.4 s apart, newest first, from four components and the host itself.
    static let events: [EventLine] = {
        let levels: [EventLine.Level] = [.info, .info, .warn, .info, .error]
        let sources: [(String, String)?] = [
            ("cold", "cold storage"), ("relay", "stream relay"),
            ("listener", "transport listener"), nil, ("trust", "trust store"),
        ]
        return (0..<30).map { index in
            EventLine(
                sequence: index, at: .milliseconds(Int64(index) * 1_400), level: levels[index % 5],
                source: sources[index % 5]?.0, sourceTitle: sources[index % 5]?.1,
                text: "event number \(index): "
                    + (index % 3 == 0
                        ? "injected stuck reader #\(index)"
                        : "read #\(index) exceeded 5s deadline -> timeout, permit returned"))
        }.reversed()
    }()

    /// The fault keys a host offers, as the engine host words them (each subsystem's descriptor).
    static let stuckReader = CommandHint(
        key: "s", label: "stuck reader", help: "inject a stuck reader (holds a read permit)")
    static let allCommands: [CommandHint] = [
        stuckReader,
        CommandHint(key: "S", label: "release", help: "release the stuck readers"),
        CommandHint(key: "b", label: "hang backend", help: "hang / unhang the backend call"),
        CommandHint(key: "x", label: "drop upstream", help: "drop a relay upstream"),
        CommandHint(key: "w", label: "wedge slot", help: "wedge / clear a listener slot"),
        CommandHint(key: "n", label: "stall NAT", help: "stall / resume the NAT consumer"),
        CommandHint(key: "f", label: "flood", help: "flood the accept loop with connections"),
        CommandHint(key: "l", label: "peers lock", help: "hold the peers lock for 10 s"),
        CommandHint(key: "d", label: "slow disk", help: "cycle the trust store's disk latency"),
        CommandHint(key: "c", label: "cancel", help: "cancel the task of the selected row's subsystem"),
        CommandHint(key: "g", label: "policy", help: "next policy step of the selected row's subsystem"),
    ]
    static let commands: [CommandHint] = allCommands.filter { "sSbxcg".contains($0.key) }

    static var busy: DashboardViewModel {
        DashboardViewModel(
            header: header(), permits: permits, channels: channels, streams: streams, writer: writer,
            trust: trust, transport: transport,
            events: EventsViewModel(warnings: warnings, events: events), commands: commands)
    }

    /// Every panel present but with nothing in it: a node that just started.
    static var empty: DashboardViewModel {
        DashboardViewModel(
            header: header(warnings: 0),
            permits: PermitsViewModel(pools: [
                PermitPool(
                    name: "cold.read-permits", total: 64, held: 0, available: 64, waiters: 0,
                    waitingPermits: 0, longestWait: nil, highWater: 0, isClosed: false, holders: [])
            ]),
            channels: ChannelsViewModel(rows: [
                ChannelRow(
                    name: "cold.write", length: 0, reserved: 0, capacity: 256, highWater: 0,
                    fullPerSecond: 0, waitingSenders: 0, isClosed: false, fillHistory: [])
            ]),
            streams: StreamsViewModel(rows: []),
            writer: WriterViewModel(
                state: "IDLE", drained: 0, drainTarget: 64, blockedBy: nil, stateFor: .zero,
                lastWriteAgo: nil, queueLength: 0, queueCapacity: 16),
            trust: TrustViewModel(
                persistenceLag: nil, coalescedMutations: 0, fsync: .empty, lockHold: .empty, saves: 0,
                saveFailures: 0, diskLatency: nil, unsavedAtStop: nil),
            transport: TransportViewModel(
                loopLatency: .empty, spinPerSecond: 0, handshakeBacklog: 0, handshakeCapacity: 32,
                identityExchangeSucceeded: 0, identityExchangeFailed: 0, wedgedSlots: 0,
                natQueueLength: 0, natQueueCapacity: 100),
            events: EventsViewModel(warnings: [], events: []))
    }

    /// No subsystem has reported: only the header, an empty event log and the footer.
    static var bare: DashboardViewModel {
        DashboardViewModel(header: header(warnings: 0), events: EventsViewModel(warnings: [], events: []))
    }
}
