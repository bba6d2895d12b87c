import Backpressure

/// What the operator has focused when a command is given: the panel, and whose it is. `c`
/// cancels the task and `g` cycles the policy of that owner; the host decides what an owner
/// means to it (the engine: its subsystem).
public struct DashboardFocus: Equatable, Sendable {
    public var panel: PanelID
    /// The selected row's owner (a channel's or permit pool's registered owner, a stream's), else
    /// the panel model's own; nil when neither names one (the events panel).
    public var owner: InstrumentOwner?

    public init(panel: PanelID, owner: InstrumentOwner? = nil) {
        self.panel = panel
        self.owner = owner
    }
}
