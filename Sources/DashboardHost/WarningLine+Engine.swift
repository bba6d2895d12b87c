import DashboardModel
import Engine

extension WarningLine {
    /// A stall detector's warning as the events panel shows it.
    public init(_ warning: StallWarning) {
        self.init(
            kind: warning.kind.rawValue, source: warning.subsystem.rawValue, sourceTitle: warning.subsystem.title,
            since: warning.since.sinceStart, cause: warning.cause)
    }
}
