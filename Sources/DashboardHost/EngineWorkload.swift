import Backpressure
import Dashboard
import DashboardModel
import Foundation
import Engine
import Runtime
import Scenarios

/// The engine under a scenario, as the dashboard runs it: the same session, factory and
/// subsystems as `stallscope run`, and the operator's keys turned into engine actions (recorded,
/// so the session replays headless).
public final class EngineWorkload: DashboardWorkload {
    /// A connection flood (`f`): clients, one every this interval.
    public static let floodClients = 200
    public static let floodInterval: Duration = .milliseconds(20)
    /// How long `l` holds the peers write lock.
    public static let peersLockHold: Duration = .seconds(10)
    /// The hop whose upstream `x` drops (the incident's hop 3), right away.
    public static let droppedHop = 3
    /// The trust store's fsync latency steps `d` cycles through.
    public static let diskLatencySteps: [Duration] = [.zero, .milliseconds(10), .milliseconds(50), .milliseconds(200)]
    /// How much virtual time the trust and transport panels' figures may lag while the run
    /// moves. Trust's snapshot walks latency histograms, ~0.2 ms each once real fsync times
    /// fill them; the listener's reads all 200 peer channels again. The channels panel stays
    /// per frame.
    public static let panelFiguresInterval: Duration = .milliseconds(500)
    /// How much virtual time the warnings may lag: the stall detector's own sampling interval.
    /// Reading them asks every subsystem for a snapshot, a tenth of a steady frame's work.
    public static let warningsInterval = ScenarioSession.sampleInterval

    private struct Toggles {
        var backendHung = false
        var slotWedged = false
        var natStalled = false
        var diskStep = 0
    }

    public let engine: Engine
    /// The run as a scenario session: plays the timeline at its instants (the driver stops there),
    /// samples the detector, and records every action and disk outcome for `stallscope replay`.
    public let session: ScenarioSession
    private let toggles = LockedState(Toggles())
    /// Commands carried out so far: a new one makes throttled figures read at once.
    private let commandCount = LockedState(0)
    private let trustFigures = ThrottledFigure<TrustViewModel?>(interval: panelFiguresInterval)
    private let transportFigures = ThrottledFigure<TransportViewModel?>(interval: panelFiguresInterval)
    private let warnings = ThrottledFigure<[StallWarning]>(interval: warningsInterval)

    /// Builds the scenario's engine on a fresh runtime seeded with `seed`; a bad parameter or step
    /// is a usage error. With a `trustDirectory` the trust store persists to real files there;
    /// with a `recordPath` the run is recorded there as it goes.
    public init(
        scenario: Scenario, policy: PolicySelection, seed: UInt64, overrides: [ParameterOverride],
        trustDirectory: String? = nil, recordPath: String? = nil, build: String = "unversioned"
    ) throws(UsageError) {
        self.session = try ScenarioSession(
            request: RunRequest(scenario: scenario, policy: policy, seed: seed, overrides: overrides, stateDirectory: trustDirectory),
            build: build, origin: .dashboard, recordPath: recordPath, makeEngine: EngineFactory.make)
        self.engine = session.engine
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

    public var supportedCommands: [DashboardCommand] {
        let running = Set(engine.subsystems.map(\.id))
        return DashboardCommand.allCases.filter { command in
            switch command {
            case .stuckReader, .releaseStuckReaders, .hangBackend: running.contains(.cold)
            case .dropUpstream: running.contains(.relay)
            case .wedgeSlot, .stallNATConsumer: running.contains(.listener)
            case .connectionFlood, .holdPeersLock: running.contains(.accept)
            case .diskLatency: running.contains(.trust)
            case .cancelTask, .cyclePolicy: !running.isEmpty
            }
        }
    }

    public var commandsPerformed: Int { commandCount.withLock { $0 } }

    public func perform(_ command: DashboardCommand, focus: DashboardFocus) {
        guard let action = action(for: command, focus: focus) else { return }
        session.apply(action)
        commandCount.withLock { $0 += 1 }
    }

    /// The engine action a key stands for; toggles remember their state so a second press undoes.
    func action(for command: DashboardCommand, focus: DashboardFocus) -> EngineAction? {
        switch command {
        case .stuckReader: return .injectStuckReaders(count: 1)
        case .releaseStuckReaders: return .releaseStuckReaders
        case .hangBackend: return .hangBackend(toggles.withLock { $0.backendHung.toggle(); return $0.backendHung })
        case .dropUpstream: return .dropUpstream(hop: Self.droppedHop, afterFragments: 0)
        case .wedgeSlot: return .wedgeListenerSlot(toggles.withLock { $0.slotWedged.toggle(); return $0.slotWedged })
        case .stallNATConsumer: return .stallNatConsumer(toggles.withLock { $0.natStalled.toggle(); return $0.natStalled })
        case .connectionFlood: return .connectionFlood(clients: Self.floodClients, interval: Self.floodInterval)
        case .holdPeersLock: return .holdPeersLock(Self.peersLockHold)
        case .diskLatency:
            let step = toggles.withLock { toggles in
                toggles.diskStep = (toggles.diskStep + 1) % Self.diskLatencySteps.count
                return toggles.diskStep
            }
            return .setDiskLatency(Self.diskLatencySteps[step])
        case .cancelTask:
            return focus.subsystem(among: subsystems).map { .cancel($0) }
        case .cyclePolicy:
            return nil  // the host restarts the run with the next step: a step is chosen at start
        }
    }

    public func contribute(to frame: inout DashboardFrame) {
        let engine = engine
        let now = RuntimeInstant(sinceStart: frame.virtualTime)
        let (commands, isPaused) = (commandsPerformed, frame.isPaused)
        frame.warnings = warnings.value(at: now, commands: commands, isPaused: isPaused) { engine.stallWarnings() }
            .map(WarningLine.init)
        let trust = trustFigures.value(at: now, commands: commands, isPaused: isPaused) { EngineViewModels.trust(engine) }
        let transport = transportFigures.value(at: now, commands: commands, isPaused: isPaused) {
            EngineViewModels.transport(engine)
        }
        let mapped = EngineViewModels(engine: engine, now: engine.runtime.now, trust: trust, transport: transport)
        frame.writer = mapped.writer
        frame.streams = mapped.streams
        frame.trust = mapped.trust
        frame.transport = mapped.transport
    }
}
