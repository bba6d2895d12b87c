import Backpressure
import Dashboard
import DashboardModel
import Engine
import Foundation
import Runtime
import Scenarios

/// The engine under a scenario, as the dashboard runs it: the same session, factory and
/// subsystems as `stallscope run`, and the operator's keys turned into engine actions (recorded,
/// so the session replays headless).
public final class EngineWorkload: DashboardWorkload {
    /// How much virtual time the throttled panels' figures (trust, transport) may lag while the
    /// run moves. Trust's snapshot walks latency histograms, ~0.2 ms each once real fsync times
    /// fill them; the listener's reads all 200 peer channels again. The channels panel stays
    /// per frame (it reads the quiet ones of a group of channels in turns itself, see
    /// `ChannelHistory.quietReadFrames`).
    public static let panelFiguresInterval: Duration = .milliseconds(500)
    /// How much virtual time the warnings may lag: the stall detector's own sampling interval.
    /// Reading them asks every subsystem for a snapshot, a tenth of a steady frame's work.
    public static let warningsInterval = ScenarioSession.sampleInterval

    public let engine: Engine
    /// The run as a scenario session: plays the timeline at its instants (the driver stops there),
    /// samples the detector, and records every action and disk outcome for `stallscope replay`.
    public let session: ScenarioSession
    /// Commands carried out so far: a new one makes throttled figures read at once.
    private let commandCount = LockedState(0)
    private let throttledPanels = ThrottledFigure<EnginePanels>(interval: panelFiguresInterval)
    private let warnings = ThrottledFigure<[StallWarning]>(interval: warningsInterval)
    /// A recording opened in the dashboard (`replay FILE --dashboard`): it re-executes its record
    /// and never goes past it, so it offers no fault keys and takes every disk answer from it.
    public let isPlayback: Bool
    /// The marks of the actions applied so far, converted once each.
    private let actionMarks = LockedState<[TimelineMark]>([])

    /// Builds the scenario's engine on a fresh runtime seeded with `seed`; a bad parameter or step
    /// is a usage error. With a `trustDirectory` the trust store persists to real files there;
    /// with a `recordPath` the run is recorded there as it goes.
    public init(
        scenario: Scenario, policy: PolicySelection, seed: UInt64, overrides: [ParameterOverride],
        trustDirectory: String? = nil, recordPath: String? = nil, build: String = "unversioned"
    ) throws(UsageError) {
        self.session = try ScenarioSession(
            request: RunRequest(
                scenario: scenario, policy: policy, seed: seed, overrides: overrides, stateDirectory: trustDirectory),
            build: build, origin: .dashboard, recordPath: recordPath, makeEngine: EngineFactory.make)
        self.engine = session.engine
        self.isPlayback = false
    }

    /// Re-executes `record` from its seed: a playback of a recording, which stays inside the
    /// record (`goesLive` false), or a live session gone back in time, which goes on live
    /// past it (see `ScenarioSession`). A record from this build always rebuilds; a bad header
    /// is a usage error.
    public init(resuming record: RecordFile, goesLive: Bool) throws(UsageError) {
        self.session = try ScenarioSession(
            request: RunRequest(replaying: record), build: record.header.build, origin: .dashboard,
            goesLive: goesLive, makeEngine: EngineFactory.make)
        self.engine = session.engine
        self.isPlayback = !goesLive
    }

    /// Where run `run` of the session is recorded: `FILE` first, then `FILE.2`, `FILE.3`, ...
    /// before the extension (`demo.jsonl`, `demo.2.jsonl`), so a restart never overwrites a run.
    public static func recordPath(_ base: String, run: Int) -> String {
        guard run > 0 else { return base }
        let url = URL(fileURLWithPath: base)
        let stem = url.deletingPathExtension().lastPathComponent
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        let name = "\(stem).\(run + 1)\(suffix)"
        return base.contains("/") ? url.deletingLastPathComponent().appendingPathComponent(name).path : name
    }

    public var runtime: DeterministicRuntime { session.runtime }
    public var context: EngineContext { session.context }
    public var schedule: (any InstantSchedule)? { session }

    public func start() {
        session.start()
    }

    public func finish() {
        _ = session.finish()
    }

    public func stop() async {
        await engine.stop()
    }

    public var subsystems: [SubsystemID] { engine.subsystems.map(\.id) }

    /// The keys offered now: every running subsystem's fault keys as the engine's state makes
    /// them (`b` reads "unhang backend" while the backend hangs, whoever hung it), then the
    /// host's own.
    public var commands: [CommandHint] {
        guard !isPlayback else { return [] }
        let faults = engine.offeredCommands().map { command in
            CommandHint(
                key: command.key, label: command.state.label, help: command.help, isActive: command.state.isActive)
        }
        return faults + (subsystems.isEmpty ? [] : HostCommand.allCases.map(\.hint))
    }

    public var commandsPerformed: Int { commandCount.withLock { $0 } }

    public func perform(_ key: Character, focus: DashboardFocus) {
        guard let action = action(for: key, focus: focus) else { return }
        session.apply(action)
        commandCount.withLock { $0 += 1 }
    }

    /// The engine action a key stands for now, read from the engine's state when it is pressed.
    func action(for key: Character, focus: DashboardFocus) -> EngineAction? {
        switch HostCommand(key: key) {
        case .cancelTask: return focus.subsystem(among: subsystems).map { .cancel($0) }
        case .cyclePolicy: return nil  // the host restarts the run with the next step: a step is chosen at start
        case nil: return engine.offeredCommands().first { $0.key == key }?.state.action
        }
    }

    // MARK: Going back in time

    public var record: RecordFile { session.journal.file }

    public func resuming(_ record: RecordFile) -> any DashboardWorkload {
        do {
            return try EngineWorkload(resuming: record, goesLive: !isPlayback)
        } catch {
            preconditionFailure("a record of this session rebuilds: \(error.message)")
        }
    }

    public func catchUp(with record: RecordFile) {
        // A recording opened in the dashboard is whole from the start: nothing to catch up with.
        guard !isPlayback else { return }
        session.extendReplay(with: record)
    }

    public func leaveRecord(recordingTo path: String?) {
        precondition(!isPlayback, "a playback stays inside its record")
        session.leaveRecord()
        guard let path else { return }
        do throws(UsageError) {
            try session.journal.startWriting(to: path)
        } catch {
            engine.events.error(nil, "not recording the new branch: \(error.message)")
        }
    }

    public var marks: [TimelineMark] {
        let applied = session.appliedActions
        let actions = actionMarks.withLock { marks in
            for action in applied.dropFirst(marks.count) {
                marks.append(
                    TimelineMark(
                        at: action.at, kind: action.origin == .timeline ? .fault : .key,
                        label: "\(action.action.subsystem): \(action.action)"))
            }
            return marks
        }
        let stalls = session.stallsSeen.map { stall in
            TimelineMark(
                at: stall.seenAt, kind: .warning,
                label: "\(stall.warning.subsystem): \(stall.warning.kind) (since \(stall.warning.since.sinceStart))")
        }
        return actions + stalls
    }

    public func stateDigest() -> String { session.stateDigest() }

    public func contribute(to frame: inout DashboardFrame) {
        let engine = engine
        let now = RuntimeInstant(sinceStart: frame.virtualTime)
        let (commands, isPaused) = (commandsPerformed, frame.isPaused)
        frame.warnings = warnings.value(at: now, commands: commands, isPaused: isPaused) { engine.stallWarnings() }
            .map(WarningLine.init)
        let throttled = throttledPanels.value(at: now, commands: commands, isPaused: isPaused) {
            engine.panels(.throttled)
        }
        let current = engine.panels(.everyFrame)
        frame.writer = current.writer ?? throttled.writer
        frame.streams = current.streams ?? throttled.streams
        frame.trust = current.trust ?? throttled.trust
        frame.transport = current.transport ?? throttled.transport
    }
}
