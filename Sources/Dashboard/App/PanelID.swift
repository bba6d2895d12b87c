import Engine

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

    /// The subsystem a panel belongs to, for `g` (cycle policy) and `c` (cancel) on focus.
    public var subsystem: SubsystemID? {
        switch self {
        case .permits, .writer: .cold
        case .streams: .relay
        case .trust: .trust
        case .transport: .listener
        case .channels, .events: nil
        }
    }
}
