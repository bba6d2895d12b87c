import Backpressure
import Engine
import Runtime
import Scenarios

/// The engine under a scenario, as the dashboard runs it: the same factory and the same
/// subsystems as `stallscope run`, the scenario's timeline played at its virtual instants, and the
/// operator's keys turned into engine actions.
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

    private struct Toggles {
        var backendHung = false
        var slotWedged = false
        var natStalled = false
        var diskStep = 0
    }

    public let engine: Engine
    private let scenario: Scenario
    private let toggles = LockedState(Toggles())
    /// The task playing the scenario's timeline; cancelled on stop so no action lands on a
    /// stopped engine while the host drains the runtime.
    private let timelineTask = LockedState<RuntimeTask?>(nil)

    /// Builds the scenario's engine; a bad parameter or step is a usage error. With a
    /// `trustDirectory` the trust store persists to real files there.
    public init(
        context: EngineContext, scenario: Scenario, policy: PolicySelection, overrides: [ParameterOverride],
        trustDirectory: String? = nil
    ) throws(UsageError) {
        self.scenario = scenario
        self.engine = try EngineFactory.make(
            context: context,
            request: RunRequest(scenario: scenario, policy: policy, overrides: overrides, trustDirectory: trustDirectory))
    }

    public func start() {
        engine.start()
        let timeline = scenario.timeline
        guard !timeline.isEmpty else { return }
        let engine = self.engine
        let task = engine.runtime.spawn("scenario timeline") {
            for step in timeline {
                guard (try? await engine.runtime.sleep(until: RuntimeInstant(sinceStart: step.at))) != nil else { return }
                engine.events.info(step.action.subsystem, "timeline: \(step.action)")
                engine.apply(step.action)
            }
        }
        timelineTask.withLock { $0 = task }
    }

    public func stop() async {
        timelineTask.withLock { $0 }?.cancel()
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

    public func perform(_ command: DashboardCommand, focus: DashboardFocus) {
        guard let action = action(for: command, focus: focus) else { return }
        engine.apply(action)
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
            return .cancel(focus.subsystem ?? engine.subsystems.first?.id ?? .cold)
        case .cyclePolicy:
            return nil  // the host restarts the run with the next step: a step is chosen at start
        }
    }

    public func contribute(to frame: inout DashboardFrame) {
        frame.warnings = engine.stallWarnings()
        let mapped = EngineViewModels(engine: engine, now: engine.runtime.now)
        frame.writer = mapped.writer
        frame.streams = mapped.streams
        frame.trust = mapped.trust
        frame.transport = mapped.transport
    }
}
