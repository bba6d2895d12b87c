import DashboardModel
import Engine

/// The operator's fault and policy keys. A host lists the ones it can carry out; the footer and
/// the help overlay show only those, so no key on screen does nothing.
public enum DashboardCommand: String, CaseIterable, Sendable {
    case stuckReader
    case releaseStuckReaders
    case hangBackend
    case dropUpstream
    case wedgeSlot
    case stallNATConsumer
    case connectionFlood
    case holdPeersLock
    case diskLatency
    case cancelTask
    case cyclePolicy

    public var key: Character {
        switch self {
        case .stuckReader: "s"
        case .releaseStuckReaders: "S"
        case .hangBackend: "b"
        case .dropUpstream: "x"
        case .wedgeSlot: "w"
        case .stallNATConsumer: "n"
        case .connectionFlood: "f"
        case .holdPeersLock: "l"
        case .diskLatency: "d"
        case .cancelTask: "c"
        case .cyclePolicy: "g"
        }
    }

    /// Footer text.
    public var label: String {
        switch self {
        case .stuckReader: "stuck reader"
        case .releaseStuckReaders: "release"
        case .hangBackend: "hang backend"
        case .dropUpstream: "drop upstream"
        case .wedgeSlot: "wedge slot"
        case .stallNATConsumer: "stall NAT"
        case .connectionFlood: "flood"
        case .holdPeersLock: "peers lock"
        case .diskLatency: "slow disk"
        case .cancelTask: "cancel"
        case .cyclePolicy: "policy"
        }
    }

    /// Help overlay text.
    public var help: String {
        switch self {
        case .stuckReader: "inject a stuck reader (holds a read permit)"
        case .releaseStuckReaders: "release the stuck readers"
        case .hangBackend: "hang / unhang the backend call"
        case .dropUpstream: "drop a relay upstream"
        case .wedgeSlot: "wedge a listener slot"
        case .stallNATConsumer: "stall / resume the NAT consumer"
        case .connectionFlood: "flood the accept loop with connections"
        case .holdPeersLock: "hold / release the peers lock"
        case .diskLatency: "cycle the trust store's disk latency"
        case .cancelTask: "cancel the task of the selected row's subsystem"
        case .cyclePolicy: "next policy step of the selected row's subsystem"
        }
    }

    /// The command as the frame offers it to the UI.
    public var hint: CommandHint { CommandHint(key: key, label: label, help: help) }

    public init?(key: Character) {
        guard let command = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = command
    }
}
