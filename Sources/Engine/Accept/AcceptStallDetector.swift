import Runtime

/// Turns an accept snapshot into stall warnings that name the blocker. Pure: the same snapshot
/// and ledger instants give the same warnings, so scenarios and the dashboard agree.
struct AcceptStallDetector {
    let config: AcceptConfig
    /// Whether the operator is holding the `fixed` peers map (the consumer's only blocker).
    let peersMapHeld: Bool

    func warnings(for snapshot: AcceptSnapshot, ledger: AcceptLedger.Counts) -> [StallWarning] {
        var warnings: [StallWarning] = []
        let now = snapshot.at
        if let fullFor = snapshot.handshakeFullFor, fullFor >= config.stallWarningAfter {
            warnings.append(
                StallWarning(
                    kind: .handshakeChannelFull, subsystem: .accept, since: now.advanced(by: .zero - fullFor),
                    cause: "handshake channel full \(Self.format(fullFor)) "
                        + "(\(snapshot.handshakeLength)/\(snapshot.handshakeCapacity), "
                        + "blocked producers: \(snapshot.handshakeBlockedProducers)): \(acceptLoopBlocker(snapshot))"))
        }
        if snapshot.identityTimedOut > 0, let since = ledger.firstIdentityTimeout {
            let settled = snapshot.identityOK + snapshot.identityTimedOut
            warnings.append(
                StallWarning(
                    kind: .identityExchangeTimeouts, subsystem: .accept, since: since,
                    cause: "\(snapshot.identityTimedOut) of \(settled) identity exchanges timed out after "
                        + "\(Self.format(config.identityExchangeTimeout)): \(snapshot.accepted) accepted vs "
                        + "\(snapshot.readerTasksSpawned) reader tasks spawned (\(snapshot.lostBeforeReader) lost before "
                        + "a reader, \(snapshot.awaitingReader) still queued)"))
        }
        if snapshot.staleEntries > 0, let since = ledger.firstStaleEntry {
            warnings.append(
                StallWarning(
                    kind: .staleEntries, subsystem: .accept, since: since,
                    cause: "\(snapshot.staleEntries) stale peer entries: registration ran after the connection's "
                        + "lost event was handled, and nothing removes them"))
        }
        // The herd is a stall by what it does to everyone else: message handling queued behind
        // a crowd of registration tasks (the uploads that slowed after PR #82), not by a count.
        for lock in [snapshot.peersLock, snapshot.activeConnectionsLock].compactMap({ $0 })
        where lock.registrationTasksWaiting > 0 && (lock.messageHandlingWaiting ?? .zero) >= config.herdMessageDelay {
            let delayed = lock.messageHandlingWaiting ?? .zero
            warnings.append(
                StallWarning(
                    kind: .lockHerd, subsystem: .accept, since: now.advanced(by: .zero - delayed),
                    cause: "\(Self.lockTitle(lock.name)): message handling waiting \(Self.format(delayed)) behind "
                        + "\(lock.registrationTasksWaiting) registration tasks (\(lock.waiters) waiters)"
                        + (lock.holder.map { ", held by \($0)" } ?? "")))
        }
        if let since = ledger.registrationQueueFullSince, since.duration(to: now) >= config.stallWarningAfter,
            let capacity = snapshot.registrationQueueCapacity
        {
            let blocker = peersMapHeld ? "consumer parked on the held peers map" : "consumer behind"
            warnings.append(
                StallWarning(
                    kind: .registrationQueueFull, subsystem: .accept, since: since,
                    cause: "registration queue full \(Self.format(since.duration(to: now))) "
                        + "(\(snapshot.registrationQueueLength)/\(capacity)): \(blocker), accept loop waiting to queue")
            )
        }
        return warnings
    }

    private func acceptLoopBlocker(_ snapshot: AcceptSnapshot) -> String {
        for lock in [snapshot.peersLock, snapshot.activeConnectionsLock].compactMap({ $0 }) {
            if let waiting = lock.acceptLoopWaiting {
                let holder =
                    lock.holder.map { holder in
                        " (held by \(holder)" + (lock.heldFor.map { " for \(Self.format($0))" } ?? "") + ")"
                    } ?? ""
                return "accept loop waiting \(Self.format(waiting)) on \(Self.lockTitle(lock.name))\(holder)"
            }
            if lock.holder == AcceptNode.acceptLoopHolder {
                return "accept loop holding \(Self.lockTitle(lock.name))"
                    + (lock.heldFor.map { " for \(Self.format($0))" } ?? "")
            }
        }
        if let capacity = snapshot.registrationQueueCapacity, snapshot.registrationQueueLength >= capacity {
            return "accept loop waiting on a full registration queue (\(snapshot.registrationQueueLength)/\(capacity))"
        }
        return "accept loop not keeping up"
    }

    static func lockTitle(_ name: String) -> String {
        switch name {
        case "accept.peers": "peers write lock"
        case "accept.activeConnections": "activeConnections write lock"
        default: name
        }
    }

    /// "48 ms" below a second, "3.1 s" above.
    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.nanoseconds / 1_000_000
        if milliseconds < 1_000 { return "\(milliseconds) ms" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
