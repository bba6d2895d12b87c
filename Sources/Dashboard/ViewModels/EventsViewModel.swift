import DashboardModel

/// Active stall warnings and the event log, newest first, narrowed by the `/` filter.
public struct EventsViewModel: Equatable, Sendable {
    public var warnings: [WarningLine]
    /// Newest first, already filtered.
    public var events: [EventLine]
    public var filter: String
    /// Events in the log before filtering (for "12 of 340").
    public var unfilteredCount: Int

    public init(warnings: [WarningLine], events: [EventLine], filter: String = "", unfilteredCount: Int? = nil) {
        self.warnings = warnings
        self.filter = filter
        self.unfilteredCount = unfilteredCount ?? events.count
        self.events = filter.isEmpty ? events : events.filter { Self.matches($0, filter) }
    }

    /// Case-insensitive match on the text, the source and the level.
    public static func matches(_ event: EventLine, _ filter: String) -> Bool {
        let needle = filter.lowercased()
        return event.text.lowercased().contains(needle)
            || (event.source?.contains(needle) ?? false)
            || event.level.rawValue.contains(needle)
    }
}
