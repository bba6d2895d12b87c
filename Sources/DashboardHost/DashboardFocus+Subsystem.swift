import Dashboard
import Engine

extension DashboardFocus {
    /// Whose task `c` cancels and whose policy `g` cycles: the subsystem that registered the
    /// focused row's primitive or fills the focused panel (pick `trust.save` in the permits
    /// panel to reach the trust store); nil when the owner is not an engine subsystem.
    public var subsystem: SubsystemID? { owner?.subsystem }

    /// `subsystem` when it runs, else the first of `running` (the scenario's own).
    public func subsystem(among running: [SubsystemID]) -> SubsystemID? {
        subsystem.flatMap { running.contains($0) ? $0 : nil } ?? running.first
    }
}
