import Backpressure
import DashboardModel

/// What the relay shows on the dashboard: its streams hop by hop, listed before any cold log
/// stream, and the streams panel is the relay's while it runs (`c` there cancels a stream).
enum RelayPanels {
    static func fill(_ relay: RelaySubsystem, into panels: inout EnginePanels) {
        let rows = relay.snapshot().streams.map(streamRow)
        panels.streams = StreamsViewModel(rows: rows + (panels.streams?.rows ?? []), owner: InstrumentOwner(.relay))
    }

    static func streamRow(_ stream: RelayStreamSnapshot) -> StreamRow {
        let state: StreamState =
            switch stream.state {
            case .flowing: .active
            case .stalled: .stalled
            case .done: .done
            case .failed: .failed
            }
        return StreamRow(
            id: "s\(stream.id)", kind: "relay", hopsDone: stream.hopsDone, hopsTotal: stream.hopsTotal,
            bytes: stream.bytesDeliveredPerHop.last ?? 0, totalBytes: stream.payloadBytes,
            idleFor: stream.sinceLastFragment, state: state, detail: stream.state.description,
            owner: InstrumentOwner(.relay, item: "\(stream.id)"))
    }
}
