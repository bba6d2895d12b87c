import Backpressure
import DashboardModel

/// Everything a frame draws, as plain values. Panels whose model is nil are not shown.
public struct DashboardViewModel: Equatable, Sendable {
    public var header: HeaderViewModel
    public var permits: PermitsViewModel?
    public var channels: ChannelsViewModel?
    public var streams: StreamsViewModel?
    public var writer: WriterViewModel?
    public var trust: TrustViewModel?
    public var transport: TransportViewModel?
    public var events: EventsViewModel?
    /// The host's keys, which the footer and help show.
    public var commands: [CommandHint]
    /// The timeline strip above the footer: nil for a host that cannot go back in time.
    public var timeline: TimelineViewModel?
    /// The catalog the picker (`p`) offers; empty when the host cannot switch scenarios, and then
    /// `scenarioPickerOff` says why.
    public var scenarios: [ScenarioChoice] = []
    public var scenarioPickerOff: String?

    public init(
        header: HeaderViewModel, permits: PermitsViewModel? = nil, channels: ChannelsViewModel? = nil,
        streams: StreamsViewModel? = nil, writer: WriterViewModel? = nil, trust: TrustViewModel? = nil,
        transport: TransportViewModel? = nil, events: EventsViewModel? = nil, commands: [CommandHint] = [],
        timeline: TimelineViewModel? = nil
    ) {
        self.header = header
        self.permits = permits
        self.channels = channels
        self.streams = streams
        self.writer = writer
        self.trust = trust
        self.transport = transport
        self.events = events
        self.commands = commands
        self.timeline = timeline
    }

    /// The panels that have something to show, in focus order.
    public var visiblePanels: [PanelID] {
        PanelID.allCases.filter { panel in
            switch panel {
            case .permits: permits != nil
            case .channels: channels != nil
            case .streams: streams != nil
            case .writer: writer != nil
            case .trust: trust != nil
            case .transport: transport != nil
            case .events: events != nil
            }
        }
    }

    /// Rows in a panel that focus can move over.
    public func rowCount(_ panel: PanelID) -> Int {
        switch panel {
        case .permits: permits?.pools.count ?? 0
        case .channels: channels?.rows.count ?? 0
        case .streams: streams?.rows.count ?? 0
        case .events: (events?.warnings.count ?? 0) + (events?.events.count ?? 0)
        case .writer, .trust, .transport: 0
        }
    }

    /// Whose the focused thing is, passed to the host with a command (`c` cancels that
    /// stream's task): the selected row's owner, else the panel model's.
    public func owner(_ panel: PanelID, row: Int) -> InstrumentOwner? {
        switch panel {
        case .permits: permits?.pools[safe: row]?.owner
        case .channels: channels?.rows[safe: row]?.owner
        case .streams: streams?.rows[safe: row]?.owner ?? streams?.owner
        case .writer: writer?.owner
        case .trust: trust?.owner
        case .transport: transport?.owner
        case .events: nil
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
