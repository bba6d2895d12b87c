import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

/// `dashboard --compare`: each side of a compare run is the single run of its policy with the
/// same keys at the same instants, and the two sides never leave one virtual instant.
@Suite struct CompareHostTests {
    /// A key pressed once virtual time passed `after`.
    struct Press: Sendable {
        var after: Duration
        var key: Character
        var focus: DashboardFocus
    }

    struct Case: Sendable, CustomStringConvertible {
        var scenario: String
        var policies: [String]
        var presses: [Press]
        /// The run is stopped once virtual time passed this.
        var end: Duration
        var description: String { "\(scenario) \(policies[0]) vs \(policies[1])" }
    }

    static let permits = DashboardFocus(panel: .permits)
    static let cases = [
        Case(
            scenario: "steady", policies: ["cold=semaphore", "fixed"],
            presses: [Press(after: .seconds(1), key: "s", focus: permits)], end: .seconds(40)),
        Case(
            scenario: "cold-stuck-reader", policies: ["cold=tasktracker", "cold=permit-attached"],
            presses: [
                Press(after: .seconds(2), key: "s", focus: permits),
                Press(after: .seconds(5), key: "S", focus: permits),
                Press(
                    after: .seconds(6), key: "b", focus: DashboardFocus(panel: .writer, owner: InstrumentOwner(.cold))),
            ], end: .seconds(20)),
        Case(
            scenario: "relay-upstream-drop", policies: ["relay=shared-cancel", "fixed"],
            presses: [
                Press(
                    after: .seconds(3), key: "x", focus: DashboardFocus(panel: .streams, owner: InstrumentOwner(.relay))
                )
            ], end: .seconds(15)),
        Case(
            scenario: "steady", policies: ["legacy", "fixed"],
            presses: [
                Press(after: .milliseconds(500), key: "f", focus: DashboardFocus(panel: .transport)),
                Press(
                    after: .seconds(1), key: "d", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust))),
                Press(after: .seconds(2), key: "l", focus: DashboardFocus(panel: .transport)),
                Press(
                    after: .seconds(3), key: "c", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust))),
            ], end: .seconds(8)),
    ]

    /// Every workload a host built, by side, so the records can be read after shutdown.
    final class Built: Sendable {
        let workloads = LockedState<[Int: EngineWorkload]>([:])
    }

    static func compareHost(
        _ test: Case, speed: Double, startsPaused: Bool = false, built: Built = Built()
    ) throws
        -> CompareHost
    {
        let scenario = try ScenarioCatalog.named(test.scenario)
        let policies = try test.policies.map { text throws(UsageError) in try PolicySelection.parse(text) }
        return CompareHost(
            settings: .init(
                scenario: scenario.name, policies: policies, seed: 7, speed: speed,
                frameInterval: PacedDriver.defaultWallSlice, startsPaused: startsPaused)
        ) { side, policy, _ in
            let workload = try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: [])
            built.workloads.withLock { $0[side] = workload }
            return workload
        }
    }

    /// The single run of `policy` with `keys` pressed at the given instants, driven headless as the
    /// paced driver drives it (the schedule's instants, then a key at its instant), to `end`.
    static func singleRun(
        _ test: Case, policy: String, keys: [(at: Duration, key: Character, focus: DashboardFocus)], end: Duration
    ) throws -> RecordFile {
        let workload = try EngineWorkload(
            scenario: try ScenarioCatalog.named(test.scenario), policy: try PolicySelection.parse(policy), seed: 7,
            overrides: [])
        let runtime = workload.runtime
        workload.start()
        runtime.runUntilIdle()
        for press in keys {
            runtime.run(until: RuntimeInstant(sinceStart: press.at), schedule: workload.session)
            workload.perform(press.key, focus: press.focus)
            runtime.runUntilIdle()
        }
        runtime.run(until: RuntimeInstant(sinceStart: end), schedule: workload.session)
        let outcome = workload.session.finish()
        runtime.spawn("stop") { await workload.stop() }
        runtime.runUntilQuiescent(limit: RuntimeHost.stopLimit)
        return outcome.record
    }

    @Test(arguments: cases)
    func eachSideIsTheSingleRunOfItsPolicy(test: Case) throws {
        let built = Built()
        let host = try Self.compareHost(test, speed: 32, built: built)
        for press in test.presses {
            try #require(HostTests.eventually { host.virtualTime >= press.after })
            host.perform(press.key, focus: press.focus)
        }
        try #require(HostTests.eventually { host.virtualTime >= test.end })
        host.shutdown()
        let records = built.workloads.withLock { $0 }.sorted { $0.key < $1.key }.map(\.value.session.journal.file)
        try #require(records.count == 2)
        // Lockstep: each key reached both sides at one instant, and both ended at one instant.
        let instants = records.map { $0.actions.filter { $0.origin == .operator }.map(\.at) }
        #expect(instants[0] == instants[1])
        try #require(instants[0].count == test.presses.count, "every key became an action on side A")
        let trailers = try records.map { try #require($0.trailer) }
        #expect(trailers[0].virtualTime == trailers[1].virtualTime)
        let keys = zip(instants[0], test.presses).map { (at: $0, key: $1.key, focus: $1.focus) }
        for (side, record) in records.enumerated() {
            let single = try Self.singleRun(
                test, policy: test.policies[side], keys: keys, end: trailers[side].virtualTime.sinceStart)
            // The same actions at the same instants, the same verdict and final state digest (the
            // report's verdict, warnings and metrics, and every primitive's final snapshot).
            #expect(record.actions == single.actions, "side \(side)")
            #expect(record.trailer == single.trailer, "side \(side)")
        }
    }

    /// Press `s` on steady under cold=semaphore beside fixed: the legacy side stalls, fixed holds.
    @Test func aStuckReaderStallsTheSemaphoreSideOnly() throws {
        let built = Built()
        let host = try Self.compareHost(Self.cases[0], speed: 32, built: built)
        defer { host.shutdown() }
        try #require(HostTests.eventually { host.virtualTime >= .seconds(1) })
        host.perform("s", focus: Self.permits)
        try #require(
            HostTests.eventually(timeout: .seconds(60)) { !host.comparedFrames()[0].warnings.isEmpty },
            "side A shows a stall warning")
        let frames = host.comparedFrames()
        #expect(frames[1].warnings.isEmpty, "the fixed side holds: \(frames[1].warnings)")
        #expect(frames.map(\.policy) == ["cold=semaphore", "fixed"])
        #expect(frames[0].virtualTime == frames[1].virtualTime)
        #expect(host.commands.filter { $0.key == "g" }.map(\.label) == ["policy off"], "g is off while comparing")
        #expect(host.status(after: "g")?.hasPrefix("g is off while comparing") == true)
        #expect(host.status(after: "s") == nil)
        #expect(host.compareNote == nil)
    }

    /// Whatever the operator does (steps, speed, pause, keys, restart), both runtimes stand at one
    /// instant whenever the driver lets go of them: at every key, and while paused.
    /// The picker is off while comparing (the sides are the command line's): `p` says why, and a
    /// choice that reached the host anyway changes nothing.
    @Test func thePickerIsOffWhileComparing() throws {
        let host = try Self.compareHost(Self.cases[0], speed: 1, startsPaused: true)
        defer { host.shutdown() }
        #expect(host.scenarioChoices.isEmpty)
        #expect(host.scenarioPickerOff.contains("off while comparing"))
        #expect(host.restart(scenario: "steady", policy: "fixed") == host.scenarioPickerOff)
        #expect(host.comparedFrames().map(\.scenario) == [Self.cases[0].scenario, Self.cases[0].scenario])
    }

    @Test func bothSidesStayAtOneInstant() throws {
        let host = try Self.compareHost(Self.cases[3], speed: 4, startsPaused: true)
        defer { host.shutdown() }
        let seen = LockedState<[[RuntimeInstant]]>([])
        func probe() {
            host.run.driver.perform { runtimes in seen.withLock { $0.append(runtimes.map(\.now)) } }
        }
        func pausedInstants() throws -> [RuntimeInstant] {
            try #require(HostTests.eventually { host.frame().isPaused })
            let driver = host.run.driver
            // Halted: the driving thread no longer moves the runtimes but for steps. A step asked
            // for before a probe runs after it when both are taken in one turn of the loop, so
            // the steps are all done once a second probe, queued after the first ran, has run.
            for _ in 0..<2 {
                let before = seen.withLock { $0.count }
                probe()
                try #require(HostTests.eventually { seen.withLock { $0.count } > before })
            }
            return driver.runtimes.map(\.now)
        }
        var operations: [() throws -> Void] = []
        for round in 0..<3 {
            operations += [
                { host.step() }, { host.step() }, { probe() },
                { host.perform("f", focus: DashboardFocus(panel: .transport)) },
                { host.step() }, { host.setSpeed(Double(8 << round)) }, { host.togglePause() },
                { _ = HostTests.eventually { host.virtualTime >= .milliseconds(300 * Int64(round + 1)) } },
                { probe() }, { host.perform("s", focus: Self.permits) }, { host.setSpeed(0.5) }, { probe() },
                { host.togglePause() }, { host.step() },
            ]
        }
        for operation in operations {
            try operation()
        }
        var paused = try pausedInstants()
        #expect(Set(paused).count == 1, "\(paused)")
        host.restart()
        host.step()
        paused = try pausedInstants()
        #expect(Set(paused).count == 1 && paused[0] > .start, "\(paused)")
        let instants = seen.withLock { $0 }
        #expect(instants.count >= 9)
        #expect(instants.allSatisfy { Set($0).count == 1 }, "\(instants)")
    }

    /// The same, over sequences of 40 operations drawn from a seed: steps, pause and resume, speed
    /// changes, fault keys, probes, and waits for virtual time to move while running.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func bothSidesStayAtOneInstantWhateverTheSequence(seed: UInt64) throws {
        let host = try Self.compareHost(Self.cases[3], speed: 4, startsPaused: true)
        defer { host.shutdown() }
        let seen = LockedState<[[RuntimeInstant]]>([])
        func probe() {
            host.run.driver.perform { runtimes in seen.withLock { $0.append(runtimes.map(\.now)) } }
        }
        var random = Xoshiro256(seed: seed)
        let keys: [(Character, PanelID)] = [("f", .transport), ("s", .permits), ("S", .permits), ("d", .trust)]
        let speeds = [0.5, 1, 4, 16, 64]
        for _ in 0..<40 {
            switch random.next() % 6 {
            case 0: host.step()
            case 1: host.togglePause()
            case 2: host.setSpeed(speeds[Int(random.next() % UInt64(speeds.count))])
            case 3:
                let (key, panel) = keys[Int(random.next() % UInt64(keys.count))]
                host.perform(key, focus: DashboardFocus(panel: panel))
            case 4: probe()
            default:
                let from = host.virtualTime
                if !host.isPaused { _ = HostTests.eventually { host.virtualTime > from } }
            }
        }
        if !host.isPaused { host.togglePause() }
        try #require(HostTests.eventually { host.frame().isPaused })
        for _ in 0..<2 {
            let before = seen.withLock { $0.count }
            probe()
            try #require(HostTests.eventually { seen.withLock { $0.count } > before })
        }
        let paused = host.run.driver.runtimes.map(\.now)
        #expect(Set(paused).count == 1, "\(paused)")
        let instants = seen.withLock { $0 }
        #expect(instants.allSatisfy { Set($0).count == 1 }, "\(instants)")
    }

    @Test func recordFilesNameTheSide() {
        #expect(CompareHost.recordPath("demo.jsonl", side: 0, run: 0) == "demo.A.jsonl")
        #expect(CompareHost.recordPath("out/demo.jsonl", side: 1, run: 0) == "out/demo.B.jsonl")
        #expect(CompareHost.recordPath("demo.jsonl", side: 1, run: 1) == "demo.B.2.jsonl")
        #expect(CompareHost.recordPath("demo", side: 0, run: 0) == "demo.A")
    }

    @Test func theSamePolicyOnBothSidesIsSaid() throws {
        let host = try Self.compareHost(
            Case(scenario: "steady", policies: ["fixed", "fixed"], presses: [], end: .zero), speed: 1,
            startsPaused: true)
        defer { host.shutdown() }
        #expect(host.compareNote == "both sides run policy fixed")
    }
}
