import Backpressure

/// The node's `peers` map and `activeConnections` set, plus the bookkeeping that tells a stale
/// entry apart from one whose removal is merely still on its way.
///
/// The `LockedState` only makes the maps safe to touch from any thread and never spans a
/// suspension; which async lock (if any) serializes the writers is the policy's business
/// (`PeerStore`).
///
/// Stale: an entry for a connection whose lost event has already been fully handled. Nothing
/// will ever remove it, which is the hazard of `spawn-per-connection` (PR #82 review).
final class PeerTable: Sendable {
    struct Peer: Sendable {
        let source: String
        var identified = false
    }

    private struct Maps {
        var peers: [Int: Peer] = [:]
        var active: Set<Int> = []
        /// Connections whose lost event has been applied to both maps.
        var lostHandled: Set<Int> = []
    }

    private let maps = LockedState(Maps())

    func insertPeer(_ connection: InboundConnection) {
        maps.withLock { maps in
            if maps.peers[connection.id] == nil {
                maps.peers[connection.id] = Peer(source: connection.source)
            }
        }
    }

    func markActive(_ connectionID: Int) {
        _ = maps.withLock { $0.active.insert(connectionID) }
    }

    func removePeer(_ connectionID: Int) {
        maps.withLock { $0.peers[connectionID] = nil }
    }

    func removeActive(_ connectionID: Int) {
        _ = maps.withLock { $0.active.remove(connectionID) }
    }

    /// The lost event for this connection has been applied: from now on an entry for it is stale.
    func lostHandled(_ connectionID: Int) {
        _ = maps.withLock { $0.lostHandled.insert(connectionID) }
    }

    /// Marks a registered peer identified. Never inserts: only registration creates entries,
    /// so a late identity record cannot resurrect a lost connection.
    func recordIdentity(_ connectionID: Int) {
        maps.withLock { maps in
            maps.peers[connectionID]?.identified = true
        }
    }

    /// What a routing lookup or maintenance scan reads.
    var peerCount: Int { maps.withLock { $0.peers.count } }
    var activeCount: Int { maps.withLock { $0.active.count } }

    func contains(_ connectionID: Int) -> (peer: Bool, active: Bool) {
        maps.withLock { ($0.peers[connectionID] != nil, $0.active.contains(connectionID)) }
    }

    /// Whether this connection has an entry although its loss was already handled.
    func isStale(_ connectionID: Int) -> Bool {
        maps.withLock { maps in
            maps.lostHandled.contains(connectionID)
                && (maps.peers[connectionID] != nil || maps.active.contains(connectionID))
        }
    }

    /// Connections with an entry in either map although their loss was already handled.
    var staleEntries: Int {
        maps.withLock { maps in
            maps.lostHandled.reduce(0) { count, id in
                count + (maps.peers[id] != nil || maps.active.contains(id) ? 1 : 0)
            }
        }
    }
}
