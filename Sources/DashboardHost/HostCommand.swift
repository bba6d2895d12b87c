import DashboardModel

/// The keys the engine host carries out itself, for whichever subsystem has the focus; the
/// subsystems' own fault keys come from their descriptors.
public enum HostCommand: CaseIterable, Sendable {
    /// `c`: cancel the task of the focused row's subsystem.
    case cancelTask
    /// `g`: restart with the focused row's subsystem one step further along its ladder.
    case cyclePolicy

    public var hint: CommandHint {
        switch self {
        case .cancelTask:
            CommandHint(key: "c", label: "cancel", help: "cancel the task of the selected row's subsystem")
        case .cyclePolicy:
            CommandHint(key: "g", label: "policy", help: "next policy step of the selected row's subsystem")
        }
    }

    public init?(key: Character) {
        guard let command = Self.allCases.first(where: { $0.hint.key == key }) else { return nil }
        self = command
    }
}
