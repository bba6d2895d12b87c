import Engine

/// What the operator has focused when a command is given: `c` cancels the task and `g` cycles
/// the policy of the subsystem that owns the selected row (or the focused panel).
public struct DashboardFocus: Equatable, Sendable {
    public var panel: PanelID
    /// The selected row's identity in that panel (a stream id, a holder label), when any.
    public var item: String?

    public init(panel: PanelID, item: String? = nil) {
        self.panel = panel
        self.item = item
    }

    /// Whose task `c` cancels and whose policy `g` cycles: the selected row's owner when the
    /// row names one (pick `trust.save` in the permits panel to reach the trust store), else
    /// the panel's subsystem.
    public var subsystem: SubsystemID? { item.flatMap(Self.owner(ofItem:)) ?? panel.subsystem }

    /// The subsystem a row belongs to, by its name: instruments are named `subsystem.what`
    /// (`trust.save`, `accept.handshake`), the listener's peer channels `peer[N].in`, relay
    /// streams `sN`, cold log streams `#N`.
    static func owner(ofItem item: String) -> SubsystemID? {
        if item.hasPrefix("peer[") { return .listener }
        if item.hasPrefix("#") { return .cold }
        if item.count > 1, item.first == "s", item.dropFirst().allSatisfy(\.isNumber) { return .relay }
        return item.split(separator: ".", maxSplits: 1).first.flatMap { SubsystemID(rawValue: String($0)) }
    }

    /// `subsystem` when it runs, else the first of `running` (the scenario's own).
    public func subsystem(among running: [SubsystemID]) -> SubsystemID? {
        subsystem.flatMap { running.contains($0) ? $0 : nil } ?? running.first
    }
}
