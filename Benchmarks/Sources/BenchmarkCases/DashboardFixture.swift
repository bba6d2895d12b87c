import Dashboard
import DashboardHost
import DashboardModel
import Engine
import Runtime

/// A busy node mid-stall as the dashboard's view model, shaped like the dashboard tests' busy
/// fixture but at the size the `steady` scenario really has: four named channels and 200
/// listener peer channels with full sparkline histories, 200 events, every panel present.
/// `frame` varies the moving parts (clock, ages, fills, counters) the way consecutive frames do.
enum DashboardFixture {
    static let peerChannels = 200

    static func busy(frame: Int) -> DashboardViewModel {
        let time = 42.3 + Double(frame) / 10
        let header = HeaderViewModel(
            scenario: "steady", policy: "cold=semaphore", seed: 7, speed: 1, virtualTime: instant(time),
            isPaused: false,
            warningCount: warnings.count, themeName: "dark")
        return DashboardViewModel(
            header: header, permits: permits(frame), channels: channels(frame), streams: streams(frame),
            writer: WriterViewModel(
                state: "DRAINING", drained: 63, drainTarget: 64, blockedBy: "read #17: backend latestBlock",
                stateFor: .milliseconds(3_200 + 100 * frame), lastWriteAgo: .milliseconds(3_900 + 100 * frame),
                queueLength: 5 + frame % 3, queueCapacity: 256),
            trust: TrustViewModel(
                persistenceLag: .milliseconds(230 + frame), coalescedMutations: 17 + frame,
                fsync: LatencyFigures(
                    count: 120 + frame, p50: .milliseconds(48), p99: .milliseconds(71), max: .milliseconds(90)),
                lockHold: LatencyFigures(
                    count: 4_000, p50: .microseconds(4), p99: .microseconds(20), max: .microseconds(310)),
                saves: 120 + frame, saveFailures: 1, diskLatency: .milliseconds(50), unsavedAtStop: nil),
            transport: TransportViewModel(
                loopLatency: LatencyFigures(
                    count: 10_000, p50: .microseconds(80), p99: .milliseconds(2), max: .milliseconds(9)),
                spinPerSecond: 0, handshakeBacklog: 7 + frame % 2, handshakeCapacity: 32,
                identityExchangeSucceeded: 120 + frame,
                identityExchangeFailed: 2, wedgedSlots: 1, natQueueLength: frame % 4, natQueueCapacity: 100),
            events: EventsViewModel(warnings: warnings, events: events),
            commands: commands)
    }

    /// Every key the engine host offers under steady, as its footer words them.
    static let commands: [CommandHint] = [
        ("s", "stuck reader"), ("S", "release"), ("b", "hang backend"), ("x", "drop upstream"), ("w", "wedge slot"),
        ("n", "stall NAT"), ("f", "flood"), ("l", "peers lock"), ("d", "slow disk"), ("c", "cancel"), ("g", "policy"),
    ].map { CommandHint(key: $0.0, label: $0.1, help: $0.1) }

    static func instant(_ seconds: Double) -> Duration {
        .milliseconds(Int64(seconds * 1000))
    }

    private static func permits(_ frame: Int) -> PermitsViewModel {
        let age = { (ms: Int) in Duration.milliseconds(ms + 100 * frame) }
        return PermitsViewModel(pools: [
            PermitPool(
                name: "cold.read-permits", total: 64, held: 41, available: 23, waiters: 3, waitingPermits: 66,
                longestWait: age(3_200), highWater: 64, isClosed: false,
                holders: [
                    .init(label: "read #17", permits: 1, age: age(4_100)),
                    .init(label: "read #22", permits: 1, age: age(2_050)),
                    .init(label: "read #31", permits: 1, age: age(1_130)),
                    .init(label: "writer drain", permits: 23, age: age(3_200)),
                ]),
            PermitPool(
                name: "cold.stream-slots", total: 8, held: 6, available: 2, waiters: 0, waitingPermits: 0,
                longestWait: nil, highWater: 8, isClosed: false,
                holders: [
                    .init(label: "stream #17", permits: 1, age: age(31_000)),
                    .init(label: "stream #18", permits: 1, age: age(12_000)),
                ]),
            PermitPool(
                name: "listener.runtime-workers", total: 2, held: 1, available: 1, waiters: 0, waitingPermits: 0,
                longestWait: nil, highWater: 2, isClosed: false, holders: []),
            PermitPool(
                name: "trust.lock", total: 64, held: frame % 2, available: 64 - frame % 2, waiters: 0,
                waitingPermits: 0, longestWait: nil, highWater: 64, isClosed: false, holders: []),
        ])
    }

    private static func channels(_ frame: Int) -> ChannelsViewModel {
        func history(_ seed: Int) -> [Double] {
            (0..<120).map { Double(($0 + frame + seed) % 17) / 16 }
        }
        var rows = [
            ChannelRow(
                name: "cold.read", length: 16, reserved: 0, capacity: 64, highWater: 64, fullPerSecond: 0,
                waitingSenders: 0, isClosed: false, fillHistory: history(1)),
            ChannelRow(
                name: "cold.write", length: 12 + frame % 5, reserved: 0, capacity: 256, highWater: 40,
                fullPerSecond: 0, waitingSenders: 0, isClosed: false, fillHistory: history(2)),
            ChannelRow(
                name: "listener.nat", length: 100, reserved: 0, capacity: 100, highWater: 100,
                fullPerSecond: 1_230 + Double(frame), waitingSenders: 4, isClosed: false, fillHistory: history(3)),
            ChannelRow(
                name: "listener.gateway-handshake", length: 7, reserved: 1, capacity: 100, highWater: 19,
                fullPerSecond: 0.5, waitingSenders: 0, isClosed: false, fillHistory: history(4)),
        ]
        for peer in 0..<peerChannels {
            let length = peer == 3 ? 2_048 : (peer * 7 + frame) % 40
            rows.append(
                ChannelRow(
                    name: "peer[\(peer)].in", length: length, reserved: 0, capacity: 2_048,
                    highWater: Swift.max(length, 40),
                    fullPerSecond: peer == 3 ? 300 : 0, waitingSenders: 0, isClosed: false, fillHistory: history(peer)))
        }
        return ChannelsViewModel(rows: rows)
    }

    private static func streams(_ frame: Int) -> StreamsViewModel {
        StreamsViewModel(rows: [
            StreamRow(
                id: "s4", kind: "relay", hopsDone: 3, hopsTotal: 10, bytes: 1_200, totalBytes: 253_000,
                idleFor: .milliseconds(31_000 + 100 * frame), state: .stalled, detail: "hop 4 upstream dropped"),
            StreamRow(
                id: "s5", kind: "relay", hopsDone: 10, hopsTotal: 10, bytes: 253_000, totalBytes: 253_000,
                idleFor: nil, state: .done),
            StreamRow(
                id: "logs", kind: "cold", hopsDone: 0, hopsTotal: 0, bytes: 48_000 + 1_000 * frame, totalBytes: nil,
                idleFor: nil, state: .active, detail: "2 log streams"),
        ])
    }

    private static let warnings = [
        WarningLine(
            StallWarning(
                kind: .writerDrainBlocked, subsystem: .cold, since: RuntimeInstant(sinceStart: instant(35.1)),
                cause: "writer drain blocked 7.2s by read #17 holding a permit: streamLogs setup, backend latestBlock")),
        WarningLine(
            StallWarning(
                kind: .relayStalled, subsystem: .relay, since: RuntimeInstant(sinceStart: instant(11.3)),
                cause: "stream s4 stalled at hop 4: upstream dropped, no wake-up")),
    ]

    /// 200 events 0.2 s apart through a real event log on a virtual clock, newest first.
    private static let events: [EventLine] = {
        let runtime = DeterministicRuntime(seed: 1)
        let log = EventLog(clock: runtime.clock)
        let levels: [EngineEvent.Level] = [.info, .info, .warn, .info, .error]
        let subsystems: [SubsystemID?] = [.cold, .relay, .listener, nil, .trust]
        for index in 0..<200 {
            log.record(
                levels[index % 5], subsystems[index % 5],
                "event \(index): "
                    + (index % 3 == 0
                        ? "injected stuck reader #\(index)"
                        : "read #\(index) exceeded 5s deadline -> timeout, permit returned"))
            runtime.run(for: .milliseconds(200))
        }
        return log.recent(200).map(EventLine.init)
    }()
}
