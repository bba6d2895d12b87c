import DashboardModel
import Engine

extension EventLine {
    /// An engine event as the event log shows it: its instant as time since the run's start,
    /// its subsystem as the source.
    public init(_ event: EngineEvent) {
        let level: Level =
            switch event.level {
            case .info: .info
            case .warn: .warn
            case .error: .error
            }
        self.init(
            sequence: event.sequence, at: event.at.sinceStart, level: level, source: event.subsystem?.rawValue,
            sourceTitle: event.subsystem?.title, text: event.message)
    }
}
