/// The five subsystems of the engine, one per incident, by their command-line names.
public enum SubsystemID: String, CaseIterable, Sendable, Codable, Comparable {
    case cold
    case relay
    case listener
    case accept
    case trust

    /// What the dashboard titles the subsystem.
    public var title: String {
        switch self {
        case .cold: "cold storage"
        case .relay: "stream relay"
        case .listener: "transport listener"
        case .accept: "accept loop"
        case .trust: "trust store"
        }
    }

    public static func < (lhs: SubsystemID, rhs: SubsystemID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
