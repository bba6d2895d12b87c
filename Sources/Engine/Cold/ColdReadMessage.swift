import Backpressure

/// A read or a stream request in the read channel. Under the permit-attached steps it carries the
/// caller's permit, released when the message (or the handler that took it) goes away.
struct ColdReadMessage: Sendable {
    enum Body: Sendable {
        case read(ColdReadOperation, ColdReply<ColdReadResult>)
        case stream(ColdStreamRequest, ColdReply<ColdLogStream>)
    }

    let id: UInt64
    let body: Body
    let ticket: ColdLedgerTicket
    /// The read permit (permit-attached reads) or the stream slot (`fixed` streams).
    let permit: OwnedSemaphorePermit?
}
