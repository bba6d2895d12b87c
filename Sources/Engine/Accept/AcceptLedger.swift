import Backpressure
import Runtime

/// The counters the transport, the node and the clients of the accept path update, and the
/// instants at which the conditions the stall detector watches began.
final class AcceptLedger: Sendable {
    struct Counts: Sendable, Equatable {
        var connectAttempts = 0
        var connectFailures = 0
        /// Transport-side "Accepted connection": handshake done, handed towards the node.
        var accepted = 0
        /// Accepted connections the node dropped because they closed while still queued.
        var lostBeforeReader = 0
        var rateLimited = 0
        var readersSpawned = 0
        /// Handoff producers not finished: waiting to send the lifecycle event or a slot.
        var handoffsInFlight = 0
        /// Connections the accept loop took off the channel and has not finished with (0 or 1).
        var inAcceptLoop = 0
        var identityOK = 0
        var identityTimedOut = 0
        var registrationsDone = 0
        var registrationsPending = 0
        var lostEvents = 0
        var establishedEvents = 0
        var firstIdentityTimeout: RuntimeInstant?
        var handshakeFullSince: RuntimeInstant?
        var registrationQueueFullSince: RuntimeInstant?
        var firstStaleEntry: RuntimeInstant?
    }

    private let counts = LockedState(Counts())

    func update(_ body: (inout Counts) -> Void) {
        counts.withLock { body(&$0) }
    }

    var current: Counts { counts.withLock { $0 } }

    func identityTimedOut(at instant: RuntimeInstant) {
        counts.withLock { counts in
            counts.identityTimedOut += 1
            if counts.firstIdentityTimeout == nil { counts.firstIdentityTimeout = instant }
        }
    }

    func staleEntryCreated(at instant: RuntimeInstant) {
        counts.withLock { counts in
            if counts.firstStaleEntry == nil { counts.firstStaleEntry = instant }
        }
    }

    /// Tracks when the handshake channel became full, for "handshake channel full 3.1 s".
    /// Returns true when the channel just filled.
    func observeHandshake(isFull: Bool, at instant: RuntimeInstant) -> Bool {
        counts.withLock { counts in
            if isFull {
                guard counts.handshakeFullSince == nil else { return false }
                counts.handshakeFullSince = instant
                return true
            }
            counts.handshakeFullSince = nil
            return false
        }
    }

    /// Tracks when the `fixed` registration queue filled: from then on the accept loop waits
    /// on it, and the handshake channel is next.
    func observeRegistrationQueue(isFull: Bool, at instant: RuntimeInstant) {
        counts.withLock { counts in
            if isFull {
                if counts.registrationQueueFullSince == nil { counts.registrationQueueFullSince = instant }
            } else {
                counts.registrationQueueFullSince = nil
            }
        }
    }
}
