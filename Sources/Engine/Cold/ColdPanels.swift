import Backpressure
import DashboardModel
import Runtime

/// What cold storage shows on the dashboard: the writer's drain and its log streams.
enum ColdPanels {
    static func fill(_ cold: ColdSubsystem, into panels: inout EnginePanels) {
        let snapshot = cold.snapshot()
        panels.writer = writer(snapshot)
        let rows = snapshot.requests.filter(\.isStream).map { streamRow($0, at: snapshot.at) }
        var streams = panels.streams ?? StreamsViewModel(rows: [], owner: InstrumentOwner(.cold))
        streams.rows += rows
        panels.streams = streams
    }

    static func writer(_ cold: ColdSnapshot) -> WriterViewModel {
        let (state, drained, target): (String, Int, Int) =
            switch cold.writer.state {
            case .idle: ("IDLE", 0, 0)
            case .waitingForWrite: ("WAITING", 0, 0)
            case .draining(let collected, let required): ("DRAINING", collected, required)
            case .writing(let what): ("WRITING \(what)", 0, 0)
            case .cancelled: ("CANCELLED", 0, 0)
            }
        let blocker = cold.writer.blockedBy.first.map { holder in
            [holder.label, holder.activity ?? holder.operation].compactMap { $0 }.joined(separator: ": ")
        }
        return WriterViewModel(
            state: state, drained: drained, drainTarget: target, blockedBy: blocker, stateFor: cold.writer.duration,
            lastWriteAgo: cold.writer.lastWriteAt.map { $0.duration(to: cold.at) },
            queueLength: cold.writeChannel.length, queueCapacity: cold.writeChannel.capacity,
            owner: InstrumentOwner(.cold))
    }

    /// A cold log stream, from its setup (waiting for a slot, asking the backend for the tip)
    /// to its last log.
    static func streamRow(_ request: ColdRequestRecord, at now: RuntimeInstant) -> StreamRow {
        StreamRow(
            id: "#\(request.id)", kind: "cold", hopsDone: 0, hopsTotal: 0, bytes: request.logsSent, totalBytes: nil,
            idleFor: (request.lastLogAt ?? request.stateSince).duration(to: now), state: .active,
            detail: request.activity, unit: "logs",
            owner: InstrumentOwner(.cold, item: "#\(request.id)"))
    }
}
