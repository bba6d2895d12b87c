import Backpressure
import DashboardModel

/// What the accept loop shows in the transport panel: the handshake backlog, identity
/// exchanges, the registration queue and who holds the peers lock.
enum AcceptPanels {
    static func fill(_ accept: AcceptSubsystem, into panels: inout EnginePanels) {
        let snapshot = accept.snapshot()
        var transport = panels.transport ?? .idle
        transport.handshakeBacklog = snapshot.handshakeLength
        transport.handshakeCapacity = snapshot.handshakeCapacity
        transport.identityExchangeSucceeded = snapshot.identityOK
        transport.identityExchangeFailed = snapshot.identityTimedOut
        // `inline` registers in the accept loop itself: nothing queues.
        transport.registrationBacklog = snapshot.policy == .inline ? nil : snapshot.registrationQueueLength
        transport.registrationCapacity = snapshot.registrationQueueCapacity
        transport.peersLock = snapshot.peersLock.map {
            LockHolding(holder: $0.holder, heldFor: $0.heldFor, waiters: $0.waiters)
        }
        transport.owner = transport.owner ?? InstrumentOwner(.accept)
        panels.transport = transport
    }
}
