/// A request's entry in the ledger, removed when the last reference goes (the request was
/// answered or dropped).
final class ColdLedgerTicket: Sendable {
    let id: UInt64
    private let ledger: ColdRequestLedger

    init(id: UInt64, ledger: ColdRequestLedger) {
        self.id = id
        self.ledger = ledger
    }

    deinit { ledger.close(id) }

    func update(_ state: ColdRequestState) { ledger.update(id, to: state) }

    func logSent() { ledger.logSent(id) }
}
