import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

@Suite struct HostTests {
    static func workload(
        seed: UInt64, scenario: String = "steady", policy: PolicySelection = .fixed
    ) throws -> (DeterministicRuntime, EngineContext, EngineWorkload) {
        let workload = try EngineWorkload(
            scenario: try ScenarioCatalog.named(scenario), policy: policy, seed: seed, overrides: [])
        return (workload.runtime, workload.context, workload)
    }

    @Test func stuckReaderKeyHoldsAReadPermitUntilReleased() throws {
        // Under `semaphore` nothing bounds a read, so the stuck reader holds its permit (under
        // `fixed` the 5 s read deadline would free it).
        let (runtime, context, workload) = try Self.workload(
            seed: 3, scenario: "cold-stuck-reader", policy: try PolicySelection.parse("cold=semaphore"))
        workload.start()
        runtime.run(for: .seconds(2))
        workload.perform("s", focus: DashboardFocus(panel: .permits))
        runtime.run(for: .seconds(20))
        func stuck() -> [PermitPool.Holder] {
            (PermitsViewModel(resources: context.instruments.readings())?.pools ?? []).flatMap(\.holders).filter {
                $0.label.hasPrefix("read") && $0.age >= .seconds(15)
            }
        }
        #expect(stuck().count == 1)
        #expect(
            context.events.events().contains { $0.level == .warn && $0.message.contains("injected 1 stuck reader") })
        workload.perform("S", focus: DashboardFocus(panel: .permits))
        runtime.run(for: .seconds(1))
        #expect(stuck().isEmpty)
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    /// The writer, streams and transport panels read what the engine did: the last write,
    /// each cold log stream with its logs, the peers lock the operator holds (`l`).
    @Test func panelsShowTheLastWriteEachLogStreamAndThePeersLockHolder() throws {
        let (runtime, context, workload) = try Self.workload(
            seed: 7, policy: try PolicySelection.parse("accept=inline"))
        func frame() -> DashboardFrame {
            var frame = DashboardFrame(
                scenario: "steady", policy: "accept=inline", seed: 7, speed: 1, isPaused: false,
                virtualTime: runtime.now.sinceStart, resources: context.instruments.readings())
            workload.contribute(to: &frame)
            return frame
        }
        workload.start()
        runtime.run(for: .seconds(20))
        // A block every 12 s: the first was written at 12 s and some; the two subscribers, on
        // the tip since the start (their streams last 30 s), have its logs.
        let writer = try #require(frame().writer)
        let lastWrite = try #require(writer.lastWriteAgo)
        #expect(lastWrite > .seconds(7) && lastWrite < .seconds(8))
        #expect(!writer.isDraining)
        let logStreams = try #require(frame().streams).rows.filter { $0.kind == "cold" }
        #expect(logStreams.count == 2)
        #expect(logStreams.allSatisfy { $0.unit == "logs" && $0.bytes > 0 && $0.hopsText == "-" }, "\(logStreams)")

        workload.perform("l", focus: DashboardFocus(panel: .transport))
        runtime.run(for: .seconds(2))
        let lock = try #require(frame().transport?.peersLock)
        #expect(lock.holder == "operator hold")
        #expect(lock.heldFor == .seconds(2))
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    @Test func steadyFillsEveryPanelAndReplaysFromTheSeed() throws {
        func frame(seed: UInt64) throws -> DashboardFrame {
            let (runtime, context, workload) = try Self.workload(seed: seed)
            workload.start()
            runtime.run(for: .seconds(30))
            var frame = DashboardFrame(
                scenario: "steady", policy: "fixed", seed: seed, speed: 1, isPaused: false,
                virtualTime: runtime.now.sinceStart, resources: context.instruments.readings())
            workload.contribute(to: &frame)
            return frame
        }
        let first = try frame(seed: 5)
        #expect(first.resources == (try frame(seed: 5)).resources)
        #expect(first.writer != nil && first.streams != nil && first.trust != nil && first.transport != nil)
        #expect(first.warnings.isEmpty)
        let channels = try #require(ChannelHistory().observed(first.resources))
        #expect(channels.contains("listener.nat") && channels.contains("accept.handshake"))
    }

    /// `c` and `g` reach whichever subsystem owns the selected row: every row of a steady frame
    /// carries its owner, and it is the subsystem its name says (`trust.save`, `peer[17].in`,
    /// relay stream `s1`, cold stream `#23`), found without parsing the name.
    @Test func everyRowOfASteadyFrameNamesItsSubsystem() throws {
        let (runtime, context, workload) = try Self.workload(seed: 7)
        workload.start()
        runtime.run(for: .seconds(20))
        var frame = DashboardFrame(
            scenario: "steady", policy: "fixed", seed: 7, speed: 1, isPaused: false,
            virtualTime: runtime.now.sinceStart, resources: context.instruments.readings())
        workload.contribute(to: &frame)
        var builder = DashboardModelBuilder()
        let model = builder.build(frame, state: DashboardState(), themeName: "dark")
        func named(_ name: String) -> SubsystemID? {
            if name.hasPrefix("peer[") { return .listener }
            if name.hasPrefix("#") { return .cold }
            if name.first == "s", name.dropFirst().allSatisfy(\.isNumber) { return .relay }
            return name.split(separator: ".").first.flatMap { SubsystemID(rawValue: String($0)) }
        }
        func focus(_ panel: PanelID, _ row: Int) -> DashboardFocus {
            DashboardFocus(panel: panel, owner: model.owner(panel, row: row))
        }
        var checked: Set<SubsystemID> = []
        let pools: [String] = model.permits?.pools.map(\.name) ?? []
        let channels: [String] = model.channels?.rows.map(\.name) ?? []
        let streams: [String] = model.streams?.rows.map(\.id) ?? []
        let rows: [(PanelID, [String])] = [(.permits, pools), (.channels, channels), (.streams, streams)]
        for (panel, names) in rows {
            for (row, name) in names.enumerated() {
                let expected = try #require(named(name), "\(name)")
                #expect(focus(panel, row).subsystem == expected, "\(panel) \(name)")
                #expect(workload.action(for: "c", focus: focus(panel, row)) == .cancel(expected), "\(name)")
                checked.insert(expected)
            }
        }
        #expect(checked == Set(SubsystemID.allCases))
        #expect(model.streams?.rows.contains { $0.owner == InstrumentOwner(.relay, item: "1") } == true)
        #expect(
            focus(.writer, 0).subsystem == .cold && focus(.trust, 0).subsystem == .trust
                && focus(.transport, 0).subsystem == .listener)
        #expect(focus(.events, 0).owner == nil)
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    @Test func keysFollowTheEngineStateWhoeverChangedIt() throws {
        let (runtime, _, workload) = try Self.workload(seed: 1)
        workload.start()
        #expect(workload.commands.map(\.key) == ["s", "S", "b", "x", "w", "n", "f", "l", "d", "c", "g"])
        let focus = DashboardFocus(panel: .permits)
        #expect(workload.action(for: "w", focus: focus) == .wedgeListenerSlot(true))
        #expect(workload.action(for: "w", focus: focus) == .wedgeListenerSlot(true), "asking twice changes nothing")
        workload.perform("w", focus: focus)
        runtime.runUntilIdle()
        #expect(workload.action(for: "w", focus: focus) == .wedgeListenerSlot(false), "a second press clears the wedge")
        #expect(
            workload.commands.first { $0.key == "w" }
                == CommandHint(key: "w", label: "clear slot", help: "wedge / clear a listener slot", isActive: true))
        // The same fault set by anyone else (a timeline, a record): the key follows the engine.
        workload.session.apply(.stallNatConsumer(true))
        workload.session.apply(.setDiskLatency(.milliseconds(50)))
        runtime.runUntilIdle()
        #expect(workload.action(for: "n", focus: focus) == .stallNatConsumer(false))
        #expect(workload.commands.first { $0.key == "n" }?.label == "resume NAT")
        #expect(
            workload.action(for: "d", focus: focus) == .setDiskLatency(.milliseconds(200)),
            "d goes on from the disk's latency")
        #expect(
            workload.action(for: "c", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust)))
                == .cancel(.trust))
        #expect(
            workload.action(for: "c", focus: DashboardFocus(panel: .events)) == .cancel(.cold),
            "no owner: the scenario's first subsystem")
        #expect(
            workload.action(
                for: "c", focus: DashboardFocus(panel: .channels, owner: InstrumentOwner(component: "elsewhere")))
                == .cancel(.cold), "an owner that is no subsystem: the scenario's first")
        #expect(workload.action(for: "z", focus: focus) == nil, "a key nobody offers does nothing")
        // A subsystem the scenario does not run: its first one instead.
        let (_, _, coldOnly) = try Self.workload(seed: 1, scenario: "cold-stuck-reader")
        #expect(
            coldOnly.action(for: "c", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust)))
                == .cancel(.cold))
        workload.finish()
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    /// The bug the descriptors fixed: `cold-stream-setup-hang`'s timeline hangs the backend at
    /// 10 s; the operator's first `b` must unhang it (the dashboard used to keep its own copy of
    /// the toggle and sent "hang" again).
    @Test func bUnhangsABackendTheTimelineHung() throws {
        let (runtime, _, workload) = try Self.workload(seed: 7, scenario: "cold-stream-setup-hang")
        workload.start()
        #expect(workload.commands.first { $0.key == "b" }?.label == "hang backend")
        runtime.run(until: runtime.now.advanced(by: .seconds(11)), schedule: workload.session)
        #expect(workload.commands.first { $0.key == "b" }?.label == "unhang backend")
        workload.perform("b", focus: DashboardFocus(panel: .writer, owner: InstrumentOwner(.cold)))
        runtime.runUntilIdle()
        #expect(
            workload.engine.offeredCommands().first { $0.key == "b" }?.state.isActive == false,
            "the backend answers again")
        workload.finish()
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    /// The live host over `cold-stuck-reader` (fixed, seed 7) on the paced driver.
    static func coldHost(speed: Double, startsPaused: Bool = false) throws -> RuntimeHost {
        let scenario = try ScenarioCatalog.named("cold-stuck-reader")
        return RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: .fixed, seed: 7, speed: speed,
                frameInterval: PacedDriver.defaultWallSlice, startsPaused: startsPaused)
        ) { policy, _ in
            try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: [])
        }
    }

    /// The live host on the paced driver: waits on conditions with a generous wall-clock guard.
    @Test func runtimeHostRunsPausesRestartsAndCyclesThePolicy() throws {
        let host = try Self.coldHost(speed: 64)
        defer { host.shutdown() }
        #expect(host.commands.contains { $0.key == "s" } && !host.commands.contains { $0.key == "x" })
        try #require(Self.eventually { host.frame().virtualTime >= .seconds(2) })
        let frame = host.frame()
        #expect(
            frame.scenario == "cold-stuck-reader" && frame.seed == 7 && frame.speed == 64 && frame.policy == "fixed")
        #expect(frame.writer != nil)

        host.togglePause()
        #expect(host.isPaused)
        // The frame says paused once the driver has stopped, and from then on time stands.
        try #require(Self.eventually { host.frame().isPaused })
        let before = host.frame().virtualTime
        #expect(host.frame().virtualTime == before)
        host.restart()
        let after = host.frame()
        #expect(after.virtualTime < before)
        #expect(after.isPaused)  // a restart keeps the pause and the speed
        host.step()
        try #require(Self.eventually { host.frame().virtualTime > after.virtualTime })

        host.perform("g", focus: DashboardFocus(panel: .writer, owner: InstrumentOwner(.cold)))
        #expect(host.frame().policy == "cold=tasktracker")
        #expect(host.frame().events.contains { $0.text.hasPrefix("policy fixed -> cold=tasktracker") })
        host.setSpeed(1_000)
        #expect(host.speed == PacedDriver.speedRange.upperBound)
    }

    /// The app skips frames while the revision stands still, so it must stand still exactly when
    /// nothing moves (paused, the driver's last slice over) and move with every change.
    @Test func revisionMovesWithTheRunAndStandsStillWhilePaused() throws {
        let host = try Self.coldHost(speed: 64)
        defer { host.shutdown() }
        let started = host.revision
        try #require(Self.eventually { host.revision != started }, "running: virtual time and jobs move")

        /// Unchanged over 20 reads 5 ms apart: longer than any slice the driver runs after a pause.
        func settled() -> Bool {
            let first = host.revision
            for _ in 0..<20 {
                Thread.sleep(forTimeInterval: 0.005)
                _ = host.frame()
                if host.revision != first { return false }
            }
            return true
        }
        host.togglePause()
        try #require(Self.eventually(settled), "paused: the revision settles")
        let paused = host.revision
        #expect(host.frame().isPaused && host.revision == paused, "taking a frame changes nothing")

        host.perform("s", focus: DashboardFocus(panel: .permits))
        try #require(Self.eventually { host.revision != paused }, "a command carried out while paused")
        try #require(Self.eventually(settled))
        let commanded = host.revision
        #expect(host.frame().events.contains { $0.text.contains("injected 1 stuck reader") })

        host.step()
        try #require(Self.eventually { host.revision != commanded }, "a single step")
        try #require(Self.eventually(settled))
        let stepped = host.revision
        host.restart()
        #expect(host.revision != stepped, "a restart is a new run, even paused at its start")
    }

    /// A live session on the paced driver, with keys pressed at whatever instants the wall clock
    /// gives and the trust store on real files, replays headless to the same verdict and final
    /// state; a restart records the next run beside it.
    @Test func aRecordedDashboardSessionReplaysHeadless() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-host-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let recordPath = scratch + "/demo.jsonl"
        let scenario = try ScenarioCatalog.named("steady")
        let host = RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: .fixed, seed: 3, speed: 16, frameInterval: PacedDriver.defaultWallSlice
            )
        ) { policy, run in
            try! EngineWorkload(
                scenario: scenario, policy: policy, seed: 3, overrides: [], trustDirectory: scratch + "/state",
                recordPath: EngineWorkload.recordPath(recordPath, run: run), build: "test")
        }
        func reach(_ seconds: Int64) throws {
            try #require(Self.eventually(timeout: .seconds(60)) { host.frame().virtualTime >= .seconds(seconds) })
        }
        try reach(2)
        host.perform("s", focus: DashboardFocus(panel: .permits))
        host.perform("d", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust)))
        try reach(4)
        host.perform("S", focus: DashboardFocus(panel: .permits))
        host.perform("l", focus: DashboardFocus(panel: .transport, owner: InstrumentOwner(.listener)))
        // A single step lands on a timer's instant, a fraction of a nanosecond off the paced
        // grid; the run goes on from there and the replay must end at the very same instant.
        host.togglePause()
        var pausedAt = host.frame().virtualTime
        try #require(
            Self.eventually {
                let now = host.frame().virtualTime
                defer { pausedAt = now }
                Thread.sleep(forTimeInterval: 0.02)
                return now == pausedAt
            }, "paused: virtual time stands")
        host.step()
        try #require(Self.eventually { host.frame().virtualTime != pausedAt }, "a single step")
        host.togglePause()
        try reach(6)
        host.restart()
        try reach(1)
        host.shutdown()

        let file = try RecordFile.parse(
            try String(contentsOfFile: recordPath, encoding: .utf8), path: recordPath, build: "test")
        #expect(file.header.origin == .dashboard && file.header.stateDirectory == scratch + "/state")
        #expect(
            file.actions.filter { $0.origin == .operator }.map(\.action) == [
                .injectStuckReaders(count: 1), .setDiskLatency(.milliseconds(10)), .releaseStuckReaders,
                .holdPeersLock(.seconds(10)),
            ])
        #expect(!file.inputs.isEmpty, "the real trust file's reads and saves are recorded")
        let trailer = try #require(file.trailer)
        #expect(trailer.virtualTime.sinceStart >= .seconds(6))
        let replay = try ScenarioRunner(build: "test", makeEngine: EngineFactory.make).run(
            try RunRequest(replaying: file))
        #expect(replay.inputDivergence == nil)
        #expect(replay.record.trailer == trailer)

        let second = try RecordFile.parse(
            try String(contentsOfFile: scratch + "/demo.2.jsonl", encoding: .utf8), path: "demo.2.jsonl", build: "test")
        #expect(second.trailer != nil && second.actions.allSatisfy { $0.origin == .timeline })
    }

    /// The picker's enter: the host starts the chosen scenario under the chosen policy, same seed,
    /// and records it to the next file, as a restart would; the header names it.
    @Test func choosingAScenarioRestartsWithItRecordedToTheNextFile() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-picker-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let recordPath = scratch + "/demo.jsonl"
        let host = RuntimeHost(
            settings: .init(
                scenario: "steady", policy: .fixed, seed: 3, speed: 16, frameInterval: PacedDriver.defaultWallSlice,
                startsPaused: true, recordPath: recordPath)
        ) { (name: String, policy: PolicySelection, run: Int) in
            try! EngineWorkload(
                scenario: try! ScenarioCatalog.named(name), policy: policy, seed: 3, overrides: [],
                recordPath: EngineWorkload.recordPath(recordPath, run: run), build: "test")
        }
        #expect(host.scenarioChoices.map(\.name) == ScenarioCatalog.all.map(\.name))
        let cold = try #require(host.scenarioChoices.first { $0.name == "cold-stuck-reader" })
        #expect(cold.policies.contains("cold=semaphore") && cold.policies.prefix(2) == ["fixed", "legacy"])
        #expect(host.frame().scenario == "steady")

        #expect(host.restart(scenario: "no-such", policy: "fixed").contains("unknown scenario"))
        #expect(host.restart(scenario: "cold-stuck-reader", policy: "cold=nope").contains("unknown step"))
        #expect(host.frame().scenario == "steady", "a refused choice leaves the run alone")

        let status = host.restart(scenario: "cold-stuck-reader", policy: "cold=semaphore")
        #expect(status == "cold-stuck-reader under cold=semaphore, seed 3")
        let frame = host.frame()
        #expect(frame.scenario == "cold-stuck-reader" && frame.policy == "cold=semaphore" && frame.seed == 3)
        #expect(frame.virtualTime == .zero && frame.isPaused, "from its start, paused as before")
        #expect(frame.events.contains { $0.text.hasPrefix("scenario steady -> cold-stuck-reader") })
        // `r` restarts the chosen scenario, not the first one.
        host.restart()
        #expect(host.frame().scenario == "cold-stuck-reader" && host.frame().policy == "cold=semaphore")
        host.shutdown()

        func header(_ path: String) throws -> RecordHeader {
            try RecordFile.parse(try String(contentsOfFile: path, encoding: .utf8), path: path, build: "test").header
        }
        #expect(try header(recordPath).scenario == "steady")
        let chosen = try header(scratch + "/demo.2.jsonl")
        #expect(chosen.scenario == "cold-stuck-reader" && chosen.seed == 3)
        #expect(try header(scratch + "/demo.3.jsonl").scenario == "cold-stuck-reader")
    }

    /// A host built for one scenario (a recording, a test's) offers no picker and says why.
    @Test func aHostOfOneScenarioOffersNoPicker() throws {
        let host = try Self.coldHost(speed: 1, startsPaused: true)
        defer { host.shutdown() }
        #expect(host.scenarioChoices.isEmpty)
        #expect(host.restart(scenario: "steady", policy: "fixed") == host.scenarioPickerOff)
        #expect(host.frame().scenario == "cold-stuck-reader")
    }

    /// The host hands the UI plain values: engine events, warnings and keys mapped at the boundary.
    @Test func engineValuesMapToTheModel() throws {
        let runtime = DeterministicRuntime(seed: 1)
        let log = EventLog(clock: runtime.clock)
        runtime.run(for: .milliseconds(1_250))
        log.record(.warn, .trust, "save took 200ms")
        log.record(.info, nil, "started")
        let lines = log.recent(2).map(EventLine.init)
        #expect(
            lines == [
                EventLine(sequence: 1, at: .milliseconds(1_250), level: .info, source: nil, text: "started"),
                EventLine(
                    sequence: 0, at: .milliseconds(1_250), level: .warn, source: "trust", sourceTitle: "trust store",
                    text: "save took 200ms"),
            ])
        let warning = StallWarning(
            kind: .trustPersistenceLag, subsystem: .trust, since: RuntimeInstant(sinceStart: .seconds(3)),
            cause: "slow disk")
        #expect(
            WarningLine(warning)
                == WarningLine(
                    kind: "trust-persistence-lag", source: "trust", sourceTitle: "trust store",
                    since: .seconds(3), cause: "slow disk"))
        for command in HostCommand.allCases {
            #expect(HostCommand(key: command.hint.key) == command)
        }
    }

    /// The frame offers the keys the workload carries out; any other key does nothing.
    @Test func theFrameOffersOnlyWhatTheHostCarriesOut() throws {
        let host = try Self.coldHost(speed: 1, startsPaused: true)
        defer { host.shutdown() }
        let frame = host.frame()
        #expect(frame.isPaused && frame.virtualTime == .zero)
        #expect(frame.commands == host.commands)
        #expect(frame.commands.map(\.key).contains("s") && !frame.commands.map(\.key).contains("x"))
        // Keys the frame does not offer are ignored, not carried out and not recorded.
        host.perform("x", focus: DashboardFocus(panel: .streams))  // the relay is not running
        host.perform("?", focus: DashboardFocus(panel: .events))  // not a host key at all
        host.perform("s", focus: DashboardFocus(panel: .permits, owner: InstrumentOwner(.cold)))
        #expect(Self.eventually { host.frame().events.contains { $0.text.contains("injected 1 stuck reader") } })
    }

    @Test func restartsAreRecordedBesideTheFirstRun() {
        #expect(EngineWorkload.recordPath("demo.jsonl", run: 0) == "demo.jsonl")
        #expect(EngineWorkload.recordPath("demo.jsonl", run: 1) == "demo.2.jsonl")
        #expect(EngineWorkload.recordPath("/tmp/x/demo", run: 2) == "/tmp/x/demo.3")
    }

    @Test func throttledFigureIsReadAgainAfterItsIntervalOnACommandAndWhilePaused() {
        let figure = ThrottledFigure<Int>(interval: .milliseconds(500))
        var reads = 0
        func value(_ milliseconds: Int64, commands: Int = 0, paused: Bool = false) -> Int {
            figure.value(
                at: RuntimeInstant(sinceStart: .milliseconds(milliseconds)), commands: commands, isPaused: paused
            ) {
                reads += 1
                return reads
            }
        }
        #expect(value(0) == 1)
        #expect(value(100) == 1 && value(499) == 1, "within the interval: the last reading")
        #expect(value(500) == 2, "the interval passed")
        #expect(value(600, commands: 1) == 3, "a command reads at once")
        #expect(value(700, commands: 1) == 3)
        #expect(
            value(700, commands: 1, paused: true) == 4 && value(700, commands: 1, paused: true) == 5,
            "a paused frame is built only for a change: always read")
        #expect(value(100, commands: 1) == 6, "a reading from the future (restart) is not kept")
    }

    /// The trust panel is read only every half virtual second while the run moves, but `d`
    /// shows in the next frame.
    @Test func diskLatencyKeyShowsInTheNextFrameDespiteTheThrottle() throws {
        let (runtime, context, workload) = try Self.workload(seed: 4)
        workload.start()
        func frame() -> DashboardFrame {
            var frame = DashboardFrame(
                scenario: "steady", policy: "fixed", seed: 4, speed: 1, isPaused: false,
                virtualTime: runtime.now.sinceStart, resources: context.instruments.readings())
            workload.contribute(to: &frame)
            return frame
        }
        runtime.run(until: runtime.now.advanced(by: .seconds(2)), schedule: workload.session)
        #expect(frame().trust?.diskLatency == .zero)
        runtime.run(until: runtime.now.advanced(by: .milliseconds(100)), schedule: workload.session)
        workload.perform("d", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust)))
        runtime.runUntilIdle()
        #expect(frame().trust?.diskLatency == .milliseconds(10))
        workload.finish()
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: .seconds(60))
    }

    static func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }
}

extension ChannelHistory {
    /// The channel names a history would show for these resources.
    func observed(_ resources: [InstrumentReading]) -> Set<String>? {
        var history = self
        return history.observe(resources, at: .zero).map { Set($0.rows.map(\.name)) }
    }
}
