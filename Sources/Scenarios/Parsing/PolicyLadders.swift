import Engine

/// The steps of each subsystem's policy ladder, oldest first (see Engine/<Subsystem>/README.md,
/// the ladder): read from the subsystems' own policy enums, so the command line never disagrees
/// with the engine.
public enum PolicyLadders {
    public static let fixedStep = "fixed"

    public static func steps(_ subsystem: SubsystemID) -> [String] {
        switch subsystem {
        case .cold: ColdPolicy.allCases.map(\.rawValue)
        case .relay: RelayPolicy.allCases.map(\.rawValue)
        case .listener: ListenerPolicy.allCases.map(\.rawValue)
        case .accept: AcceptPolicy.allCases.map(\.rawValue)
        case .trust: TrustPolicy.allCases.map(\.rawValue)
        }
    }
}
