/// A key the dashboard offers for one subsystem, with what it reads and does in the engine's
/// current state: `b` reads "unhang backend" while the backend hangs, whoever hung it, and
/// pressing it then unhangs. The state comes from the engine, never from a copy the dashboard
/// keeps, so a timeline and the operator can act on the same fault.
public struct OperatorCommand: Sendable {
    public let key: Character
    /// The help overlay's line.
    public let help: String
    private let resolve: @Sendable (any EngineSubsystem) -> CommandState?

    /// `resolve` reads the subsystem's state; nil when the command cannot act now.
    public init<Subsystem: EngineSubsystem>(
        key: Character, help: String, _ resolve: @escaping @Sendable (Subsystem) -> CommandState
    ) {
        self.key = key
        self.help = help
        self.resolve = { subsystem in (subsystem as? Subsystem).map(resolve) }
    }

    /// What the key shows and does for `subsystem` now.
    public func state(of subsystem: any EngineSubsystem) -> CommandState? {
        resolve(subsystem)
    }
}

/// An operator command as the engine's state makes it now.
public struct CommandState: Sendable, Equatable {
    /// The footer's label ("hang backend", "unhang backend").
    public let label: String
    /// Whether the fault the key toggles is in force (the footer highlights it).
    public let isActive: Bool
    /// What pressing the key does.
    public let action: EngineAction

    public init(label: String, isActive: Bool = false, action: EngineAction) {
        self.label = label
        self.isActive = isActive
        self.action = action
    }
}
