import DashboardModel

/// A host that runs the same scenario under two policies in lockstep (`CompareHost`): the app
/// draws both sides' frames on the compare screen. Its `frame()` is side A's, and its keys go to
/// both sides.
public protocol ComparingDashboardHost: DashboardHost {
    /// Side A's frame, then side B's, at the same virtual instant.
    func comparedFrames() -> [DashboardFrame]
    /// What the status line says while no status is shown (both sides on one policy), if anything.
    var compareNote: String? { get }
    /// What the status line says after `key` was pressed, when the host has something to say (a
    /// key it offers but does not carry out while comparing).
    func status(after key: Character) -> String?
}
