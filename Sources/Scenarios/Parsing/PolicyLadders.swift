import Engine

/// The steps of each subsystem's policy ladder, oldest first, as INCIDENTS.md names them.
public enum PolicyLadders {
    public static let fixedStep = "fixed"

    public static func steps(_ subsystem: SubsystemID) -> [String] {
        switch subsystem {
        case .cold: ["tasktracker", "semaphore", "permit-attached", "fixed"]
        case .relay: ["shared-cancel", "fixed"]
        case .listener: ["spin-channel", "await-nat", "fixed"]
        case .accept: ["inline", "spawn-per-connection", "fixed"]
        case .trust: ["under-lock", "read-locked-write", "fixed"]
        }
    }
}
