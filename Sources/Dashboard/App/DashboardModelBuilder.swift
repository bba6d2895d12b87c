import DashboardModel

/// Turns a host's frame and the UI state into the view model: the only stateful step between
/// the engine and the pixels (it keeps channel history and the permits panel's holder lines
/// across frames).
public struct DashboardModelBuilder: Sendable {
    /// Events the events panel can show at most (the tallest screen's worth, and some to scroll).
    public static let eventsShown = 200

    private var channelHistory = ChannelHistory()
    private var holderLines = HolderLines()

    public init() {}

    public mutating func build(_ frame: DashboardFrame, state: DashboardState, themeName: String) -> DashboardViewModel
    {
        var header = HeaderViewModel(
            scenario: frame.scenario, policy: frame.policy, seed: frame.seed, speed: frame.speed,
            virtualTime: frame.virtualTime, isPaused: frame.isPaused, warningCount: frame.warnings.count,
            themeName: themeName)
        header.hasEnded = frame.hasEnded
        header.isDriven = frame.isDriven
        return DashboardViewModel(
            header: header,
            permits: holderLines.observe(PermitsViewModel(resources: frame.resources), at: frame.virtualTime),
            channels: channelHistory.observe(
                frame.resources, groups: frame.groups, at: frame.virtualTime, filter: state.channelFilter),
            streams: frame.streams, writer: frame.writer, trust: frame.trust, transport: frame.transport,
            events: EventsViewModel(
                warnings: frame.warnings + frame.findings, events: Array(frame.events.prefix(Self.eventsShown)),
                filter: state.filter),
            commands: frame.commands,
            timeline: frame.timeline.map { TimelineViewModel(timeline: $0, now: frame.virtualTime) })
    }

    /// Forgets history (after `r`), so sparklines start over with the run.
    public mutating func reset() { self = DashboardModelBuilder() }
}
