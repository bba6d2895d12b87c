/// A write in the write channel; `reply` is nil for fire-and-forget writes.
struct ColdWriteMessage: Sendable {
    let id: UInt64
    let write: ColdWrite
    let reply: ColdReply<[ColdBlock]>?
}
