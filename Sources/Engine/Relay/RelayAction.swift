/// What an operator or a timeline can do to the stream relay.
public enum RelayAction: SubsystemAction {
    /// Drop the upstream connection of `hop` after `afterFragments` fragments.
    case dropUpstream(hop: Int, afterFragments: Int)
    /// The source stops sending mid-stream.
    case stopSource
    /// Move `hop` to a new upstream connection (nothing cancelled) after `afterFragments`
    /// fragments; the rest arrives through other handles (the lost wakeup).
    case migrateUpstream(hop: Int, afterFragments: Int)
    /// Every transmission over `hop` takes `factor` times as long (1 restores).
    case slowHop(hop: Int, factor: Int)

    public typealias Config = RelayConfig

    public static var subsystem: SubsystemID { .relay }

    /// The hops an action may name (the longest chain `relay.hopCount` allows), the fragments it
    /// may wait for, and how much slower a hop may get.
    static let hops = 1...100
    static let fragmentsBeforeFault = 0...1_000_000
    static let slowdownFactors = 1...1_000

    public var boundsViolation: String? {
        switch self {
        case .dropUpstream(let hop, let after), .migrateUpstream(let hop, let after):
            Self.outside("hop", hop, Self.hops) ?? Self.outside("afterFragments", after, Self.fragmentsBeforeFault)
        case .stopSource: nil
        case .slowHop(let hop, let factor):
            Self.outside("hop", hop, Self.hops) ?? Self.outside("factor", factor, Self.slowdownFactors)
        }
    }

    public var description: String {
        switch self {
        case .dropUpstream(let hop, let after): "dropUpstream(hop: \(hop), afterFragments: \(after))"
        case .stopSource: "stopSource"
        case .migrateUpstream(let hop, let after): "migrateUpstream(hop: \(hop), afterFragments: \(after))"
        case .slowHop(let hop, let factor): "slowHop(hop: \(hop), factor: \(factor))"
        }
    }
}

extension EngineAction {
    public static func dropUpstream(hop: Int, afterFragments: Int) -> EngineAction {
        EngineAction(RelayAction.dropUpstream(hop: hop, afterFragments: afterFragments))
    }
    public static var stopSource: EngineAction { EngineAction(RelayAction.stopSource) }
    public static func migrateUpstream(hop: Int, afterFragments: Int) -> EngineAction {
        EngineAction(RelayAction.migrateUpstream(hop: hop, afterFragments: afterFragments))
    }
    public static func slowHop(hop: Int, factor: Int) -> EngineAction {
        EngineAction(RelayAction.slowHop(hop: hop, factor: factor))
    }
}
