import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios
import Testing

@testable import DashboardHost

/// Going back in time in the live dashboard: the run is re-executed from its seed and its
/// recorded actions, headless, and must arrive exactly where the run had been. Everything here
/// moves virtual time synchronously (`runAhead`, `travel` and `stateDigest` stop the driver), so
/// no test waits on the wall clock.
@Suite struct RewindTests {
    /// Each scenario under the first ladder step it stalls under (so warnings and faults are on
    /// its timeline), `fixed` for `steady`.
    static func policy(_ scenario: Scenario) throws -> PolicySelection {
        guard let incident = scenario.incident, let step = scenario.stallingSteps.sorted().first else { return .fixed }
        return try PolicySelection.parse("\(incident.rawValue)=\(step)")
    }

    static func host(
        _ scenario: Scenario, policy: PolicySelection, recordPath: String? = nil, stateDirectory: String? = nil
    ) -> RuntimeHost {
        RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: policy, seed: 7, speed: 1,
                frameInterval: PacedDriver.defaultWallSlice, startsPaused: true, recordPath: recordPath)
        ) { policy, run in
            try! EngineWorkload(
                scenario: scenario, policy: policy, seed: 7, overrides: [], trustDirectory: stateDirectory,
                recordPath: recordPath.map { EngineWorkload.recordPath($0, run: run) }, build: "test")
        }
    }

    /// The first fault key a scenario offers (not `c` or `g`, which the host handles itself).
    static func faultKey(_ host: RuntimeHost) -> Character? {
        host.commands.first { HostCommand(key: $0.key) == nil }?.key
    }

    /// Run to t1 (a fault key pressed on the way, before t0), back to t0 (from the spare, which
    /// stands at t0), forward to t1: the state's digest is that of a run straight to t1, and of
    /// the run before it went back.
    @Test(arguments: ScenarioCatalog.all)
    func backAndForwardArriveWhereTheRunHadBeen(_ scenario: Scenario) throws {
        let policy = try Self.policy(scenario)
        let t1 = min(scenario.defaultDuration, .seconds(30))
        let t0 = t1 / 2
        let key = t0 / 3

        let straight = Self.host(scenario, policy: policy)
        defer { straight.shutdown() }
        straight.runAhead(to: key)
        if let fault = Self.faultKey(straight) { straight.perform(fault, focus: DashboardFocus(panel: .events)) }
        straight.runAhead(to: t1)
        let expected = straight.stateDigest()

        let host = Self.host(scenario, policy: policy)
        defer { host.shutdown() }
        host.runAhead(to: key)
        if let fault = Self.faultKey(host) { host.perform(fault, focus: DashboardFocus(panel: .events)) }
        host.runAhead(to: t1)
        #expect(host.stateDigest() == expected, "the same run twice")
        let live = host.frame()
        #expect(live.timeline?.end == t1)

        host.readySpare()
        let status = host.travel(to: t0)
        #expect(status.hasPrefix("back to"))
        #expect(status.contains("on from") == (t1 >= SpareRun.shortestBranch), "from the spare at \(t0): \(status)")
        let back = host.frame()
        #expect(back.virtualTime == t0 && back.isPaused)
        #expect(back.timeline?.end == t1, "the branch still reaches t1")
        #expect(back.timeline?.marks == live.timeline?.marks, "the marks ahead are kept")
        #expect(host.stateDigest() != expected)

        #expect(host.travel(to: t1).hasPrefix("forward to"))
        #expect(host.frame().virtualTime == t1)
        #expect(host.stateDigest() == expected, "\(scenario.name): back to \(t0) and forward to \(t1)")
        #expect(host.travel(to: t1 + .seconds(5)).hasPrefix("at the live edge"))
    }

    /// Going back from the spare (the branch re-executed to its middle in the background, see
    /// `SpareRun`) arrives where a straight run does, with the keys pressed after the spare was
    /// built handed to it when it is taken; a target before the spare re-executes from the seed.
    @Test func goingBackFromTheSpareArrivesWhereTheRunHadBeen() throws {
        let scenario = try ScenarioCatalog.named("steady")
        let stuck = DashboardFocus(panel: .permits)
        let disk = DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust))
        let hold = DashboardFocus(panel: .transport, owner: InstrumentOwner(.listener))
        /// The run: keys at 5 s, 50 s and 70 s; the spare readied at 40 s and 60 s.
        func play(_ host: RuntimeHost, to end: Duration, readying: Bool) {
            host.runAhead(to: .seconds(5))
            host.perform("s", focus: stuck)
            host.runAhead(to: min(end, .seconds(40)))
            if readying { host.readySpare() }
            guard end > .seconds(40) else { return }
            host.runAhead(to: .seconds(50))
            host.perform("d", focus: disk)
            host.runAhead(to: min(end, .seconds(60)))
            if readying { host.readySpare() }
            guard end > .seconds(60) else { return }
            host.runAhead(to: .seconds(70))
            host.perform("l", focus: hold)
            host.runAhead(to: end)
        }
        func straightDigest(to end: Duration) -> String {
            let host = Self.host(scenario, policy: .fixed)
            defer { host.shutdown() }
            play(host, to: end, readying: false)
            return host.stateDigest()
        }

        let host = Self.host(scenario, policy: .fixed)
        defer { host.shutdown() }
        play(host, to: .seconds(80), readying: true)
        // The spare stands at 30 s (the middle of 60 s), built before the keys at 50 s and 70 s.
        let back = host.travel(to: .seconds(75))
        #expect(back.contains("on from t=00:30.000"), "went back from the spare: \(back)")
        #expect(host.stateDigest() == straightDigest(to: .seconds(75)))

        host.readySpare()
        let before = host.travel(to: .seconds(20))
        #expect(!before.contains("on from"), "a target before the spare re-executes from the seed: \(before)")
        #expect(host.stateDigest() == straightDigest(to: .seconds(20)))

        #expect(host.travel(to: .seconds(80)).hasPrefix("forward to"))
        #expect(host.stateDigest() == straightDigest(to: .seconds(80)))
        host.readySpare()
        let again = host.travel(to: .seconds(55))
        #expect(again.contains("on from t=00:40.000"), "the rebuilt spare, at the middle of the branch: \(again)")
        #expect(host.stateDigest() == straightDigest(to: .seconds(55)))
    }

    /// A key pressed after going back starts a new branch there: it is recorded to the next file,
    /// which holds the run that now exists (the old keys up to there, the new one) and replays
    /// headless to its final state; the old branch stays whole in the first file.
    @Test func aKeyAfterGoingBackStartsABranchThatReplays() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-rewind-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let recordPath = scratch + "/demo.jsonl"
        let host = Self.host(
            try ScenarioCatalog.named("steady"), policy: .fixed, recordPath: recordPath,
            stateDirectory: scratch + "/state")
        host.runAhead(to: .seconds(4))
        host.perform("s", focus: DashboardFocus(panel: .permits))
        host.runAhead(to: .seconds(8))
        host.perform("d", focus: DashboardFocus(panel: .trust, owner: InstrumentOwner(.trust)))
        host.runAhead(to: .seconds(12))
        _ = host.travel(to: .seconds(6))
        #expect(!FileManager.default.fileExists(atPath: scratch + "/demo.2.jsonl"), "going back alone records nothing")
        host.perform("l", focus: DashboardFocus(panel: .transport, owner: InstrumentOwner(.listener)))
        host.runAhead(to: .seconds(10))
        let final = host.stateDigest()
        #expect(host.frame().timeline?.end == .seconds(10), "the old branch's end is dropped")
        host.shutdown()

        func read(_ path: String) throws -> RecordFile {
            try RecordFile.parse(try String(contentsOfFile: path, encoding: .utf8), path: path, build: "test")
        }
        let old = try read(recordPath)
        #expect(
            old.actions.filter { $0.origin == .operator }.map(\.action) == [
                .injectStuckReaders(count: 1), .setDiskLatency(.milliseconds(10)),
            ])
        #expect(old.trailer?.virtualTime.sinceStart == .seconds(12))

        let branch = try read(scratch + "/demo.2.jsonl")
        #expect(
            branch.actions.filter { $0.origin == .operator }.map(\.action) == [
                .injectStuckReaders(count: 1), .holdPeersLock(.seconds(10)),
            ])
        #expect(branch.actions.filter { $0.origin == .operator }.map(\.at) == [.seconds(4), .seconds(6)])
        #expect(!branch.inputs.isEmpty, "the disk's answers, handed back and live")
        let trailer = try #require(branch.trailer)
        #expect(trailer.virtualTime.sinceStart == .seconds(10) && trailer.finalStateDigest == final)
        let runner = ScenarioRunner(build: "test", makeEngine: EngineFactory.make)
        let replay = try runner.run(try RunRequest(replaying: branch))
        #expect(replay.inputDivergence == nil)
        #expect(replay.record.trailer == trailer)
        let oldReplay = try runner.run(try RunRequest(replaying: old))
        #expect(oldReplay.inputDivergence == nil && oldReplay.record.trailer == old.trailer)
    }

    /// A recording opened in the dashboard starts paused at 0 with its marks laid out to its
    /// end, jumps to a mark, never goes past its end and offers no fault keys.
    @Test func aRecordingPlaysBackInsideItsEnd() throws {
        let scenario = try ScenarioCatalog.named("cold-stuck-reader")
        let policy = try PolicySelection.parse("cold=semaphore")
        let outcome = try ScenarioRunner(build: "test", makeEngine: EngineFactory.make).run(
            RunRequest(scenario: scenario, policy: policy, seed: 7, duration: .seconds(30)))
        let record = outcome.record
        let host = RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: policy, seed: 7, speed: 1,
                frameInterval: PacedDriver.defaultWallSlice, startsPaused: true, playback: record)
        ) { _, _ in try! EngineWorkload(resuming: record, goesLive: false) }
        defer { host.shutdown() }
        let start = host.frame()
        #expect(start.virtualTime == .zero && start.isPaused && start.commands.isEmpty)
        let timeline = try #require(start.timeline)
        #expect(timeline.end == .seconds(30))
        let warning = try #require(timeline.marks.first { $0.kind == .warning })
        #expect(host.travel(to: warning.at).hasPrefix("forward to"))
        #expect(host.frame().virtualTime == warning.at)
        #expect(host.travel(to: .seconds(40)).hasPrefix("forward to"))
        #expect(host.frame().virtualTime == .seconds(30))
        #expect(host.frame().hasEnded, "the header says END, not RUNNING, where time stands still")
        #expect(host.stateDigest() == outcome.record.trailer?.finalStateDigest)
        #expect(host.travel(to: .seconds(31)).hasPrefix("at the end of the recording"))
        #expect(host.travel(to: .seconds(2)).hasPrefix("back to"))
        #expect(host.frame().virtualTime == .seconds(2))
        #expect(!host.frame().hasEnded)
        host.runAhead(to: .seconds(45))
        #expect(host.frame().virtualTime == .seconds(30), "a playback never runs past its record")
    }
}
