/// Everything an operator (a dashboard key) or a scenario timeline can do to a running engine.
///
/// One vocabulary for all three users: the dashboard maps keys to actions, scenarios schedule
/// them at virtual instants, and record files store them, so a live demo replays exactly.
public enum EngineAction: Sendable, Equatable, Codable {
    /// Cold storage: the next `count` backend reads park on a gate (stuck readers).
    case injectStuckReaders(count: Int)
    /// Cold storage: open the gate for every stuck reader.
    case releaseStuckReaders
    /// Cold storage: backend `latestBlock` calls hang (true) or return again (false).
    case hangBackend(Bool)
    /// Stream relay: drop the upstream connection of `hop` after `afterFragments` fragments.
    case dropUpstream(hop: Int, afterFragments: Int)
    /// Stream relay: the source stops sending mid-stream.
    case stopSource
    /// Stream relay: move `hop` to a new upstream connection (nothing cancelled) after
    /// `afterFragments` fragments; the rest arrives through other handles (the lost wakeup).
    case migrateUpstream(hop: Int, afterFragments: Int)
    /// Stream relay: every transmission over `hop` takes `factor` times as long (1 restores).
    case slowHop(hop: Int, factor: Int)
    /// Transport listener: leave a channel slot reserved but never committed (true) or clear it.
    case wedgeListenerSlot(Bool)
    /// Transport listener: the NAT traversal consumer stops (true) or resumes (false).
    case stallNatConsumer(Bool)
    /// Accept loop: `clients` connections, one every `interval`.
    case connectionFlood(clients: Int, interval: Duration)
    /// Accept loop: a maintenance task holds the peers write lock this long.
    case holdPeersLock(Duration)
    /// Trust store: every fsync takes this long.
    case setDiskLatency(Duration)
    /// Trust store: writes fail (true) or succeed again (false).
    case failDiskWrites(Bool)
    /// Trust store: a burst of `count` handshake requests.
    case handshakeFlood(count: Int)
    /// Cancel (shut down) a subsystem's task: cold storage, a stream, the trust manager, ...
    case cancel(SubsystemID)
    /// Switch a subsystem to another step of its policy ladder (takes effect on restart of
    /// that subsystem).
    case setPolicy(SubsystemID, step: String)

    /// The subsystem the action is aimed at.
    public var subsystem: SubsystemID {
        switch self {
        case .injectStuckReaders, .releaseStuckReaders, .hangBackend: .cold
        case .dropUpstream, .stopSource, .migrateUpstream, .slowHop: .relay
        case .wedgeListenerSlot, .stallNatConsumer: .listener
        case .connectionFlood, .holdPeersLock: .accept
        case .setDiskLatency, .failDiskWrites, .handshakeFlood: .trust
        case .cancel(let subsystem), .setPolicy(let subsystem, _): subsystem
        }
    }
}
