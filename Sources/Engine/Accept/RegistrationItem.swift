/// Work for the `fixed` policy's single registration consumer. Registrations and lost events
/// share one FIFO queue, so a loss is always applied after the registration it undoes: the
/// ordering that makes stale entries impossible.
enum RegistrationItem: Sendable {
    case register(InboundConnection)
    case lost(connectionID: Int)
}
