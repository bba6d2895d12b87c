import Backpressure
import Runtime

/// The requests the task knows about, by id. Entries are owned by `ColdLedgerTicket`s that travel
/// with the request, so a request dropped anywhere (a closed channel, a cancelled handler, a
/// deadline) leaves the ledger with it.
final class ColdRequestLedger: Sendable {
    private let records = LockedState<[UInt64: ColdRequestRecord]>([:])
    private let clock: RuntimeClock

    init(clock: RuntimeClock) {
        self.clock = clock
    }

    func open(id: UInt64, label: String, operation: String, state: ColdRequestState) -> ColdLedgerTicket {
        let now = clock.now
        records.withLock {
            $0[id] = ColdRequestRecord(
                id: id, label: label, operation: operation, state: state, admittedAt: now, stateSince: now)
        }
        return ColdLedgerTicket(id: id, ledger: self)
    }

    func update(_ id: UInt64, to state: ColdRequestState) {
        let now = clock.now
        records.withLock { records in
            guard var record = records[id], record.state != state else { return }
            record.state = state
            record.stateSince = now
            records[id] = record
        }
    }

    /// A stream producer sent one log to its subscriber.
    func logSent(_ id: UInt64) {
        let now = clock.now
        records.withLock { records in
            records[id]?.logsSent += 1
            records[id]?.lastLogAt = now
        }
    }

    func close(_ id: UInt64) {
        _ = records.withLock { $0.removeValue(forKey: id) }
    }

    /// Oldest first.
    func all() -> [ColdRequestRecord] {
        records.withLock { Array($0.values) }.sorted { ($0.admittedAt, $0.id) < ($1.admittedAt, $1.id) }
    }

    var count: Int { records.withLock { $0.count } }
}
