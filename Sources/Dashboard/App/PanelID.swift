/// The dashboard's panels, in focus (tab) order.
public enum PanelID: String, CaseIterable, Sendable {
    case permits
    case channels
    case streams
    case writer
    case trust
    case transport
    case events

    public var title: String {
        switch self {
        case .permits: "PERMITS"
        case .channels: "CHANNELS"
        case .streams: "STREAMS"
        case .writer: "WRITER"
        case .trust: "TRUST PERSISTENCE"
        case .transport: "TRANSPORT"
        case .events: "EVENTS"
        }
    }
}
