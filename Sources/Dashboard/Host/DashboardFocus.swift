import Engine

/// What the operator has focused when a command is given: `c` cancels the focused task and `g`
/// cycles the focused subsystem's policy.
public struct DashboardFocus: Equatable, Sendable {
    public var panel: PanelID
    /// The selected row's identity in that panel (a stream id, a holder label), when any.
    public var item: String?

    public init(panel: PanelID, item: String? = nil) {
        self.panel = panel
        self.item = item
    }

    public var subsystem: SubsystemID? { panel.subsystem }
}
