import Backpressure
import Runtime

/// The node: the subsystems a scenario runs, on one runtime, sharing one event log and one
/// instrument registry.
public final class Engine: Sendable {
    public let context: EngineContext
    public let subsystems: [any EngineSubsystem]
    /// The generic detectors over the registry's primitives (`genericFindings(at:)`): what they
    /// remember between observations (since when each channel has been full).
    private let genericDetection = LockedState(StallDetection())

    public init(context: EngineContext, subsystems: [any EngineSubsystem]) {
        precondition(Set(subsystems.map(\.id)).count == subsystems.count, "one subsystem of each kind at most")
        let keys = subsystems.flatMap { SubsystemRegistry.descriptor($0.id).commands.map(\.key) }
        precondition(Set(keys).count == keys.count, "two running subsystems claim the same key")
        self.context = context
        self.subsystems = subsystems.sorted { $0.id < $1.id }
    }

    public var runtime: any Runtime { context.runtime }
    public var events: EventLog { context.events }

    public func subsystem(_ id: SubsystemID) -> (any EngineSubsystem)? {
        subsystems.first { $0.id == id }
    }

    public func start() {
        for subsystem in subsystems { subsystem.start() }
    }

    /// Applies an operator action and logs it. An action for a subsystem that is not running is
    /// logged and ignored.
    public func apply(_ action: EngineAction) {
        guard let target = subsystem(action.subsystem) else {
            events.info(action.subsystem, "ignored \(action): \(action.subsystem.title) is not running")
            return
        }
        target.apply(action)
    }

    /// Every running subsystem's operator commands in their current state, in registry order:
    /// what the footer offers, and what a key does when pressed now.
    public func offeredCommands() -> [OfferedCommand] {
        subsystems.flatMap { subsystem in
            SubsystemRegistry.descriptor(subsystem.id).commands.compactMap { command in
                command.state(of: subsystem).map {
                    OfferedCommand(subsystem: subsystem.id, key: command.key, help: command.help, state: $0)
                }
            }
        }
    }

    /// The panels of the running subsystems read at `refresh`, in registry order.
    public func panels(_ refresh: PanelRefresh) -> EnginePanels {
        var panels = EnginePanels()
        for subsystem in subsystems {
            let descriptor = SubsystemRegistry.descriptor(subsystem.id)
            if descriptor.panelRefresh == refresh { descriptor.fill(&panels, from: subsystem) }
        }
        return panels
    }

    public func stop() async {
        for subsystem in subsystems { await subsystem.stop() }
    }

    /// Every subsystem's broken promises once stopped.
    public func violationsAfterStop() -> [InvariantViolation] {
        subsystems.flatMap { $0.violationsAfterStop() }
    }

    /// Every subsystem's warnings, in subsystem order.
    public func stallWarnings() -> [StallWarning] {
        subsystems.flatMap { $0.stallWarnings() }
    }

    /// The generic detectors' findings over every registered primitive, observed at `now`: what
    /// a service with no detector of its own would be told, beside the subsystems' warnings.
    /// Never part of a run's verdict or report (those are the subsystems' detectors'); the
    /// dashboard shows them marked as generic. Call it with instants in order.
    public func genericFindings(at now: RuntimeInstant) -> [StallFinding] {
        let readings = context.instruments.stallCandidateReadings()
        return genericDetection.withLock { $0.observe(readings, at: now.sinceStart) }
    }

    /// Every subsystem's metrics, keyed `subsystem.metric`.
    public func metrics() -> [String: Double] {
        var all: [String: Double] = [:]
        for subsystem in subsystems {
            for (key, value) in subsystem.metrics() { all["\(subsystem.id.rawValue).\(key)"] = value }
        }
        return all
    }

    public func resources() -> [ResourceSnapshot] {
        context.instruments.snapshots()
    }
}
