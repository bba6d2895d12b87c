import Engine

/// The steps of each subsystem's policy ladder, oldest first, as each subsystem's descriptor
/// declares them (see Engine/<Subsystem>/README.md, the ladder), so the command line never
/// disagrees with the engine.
public enum PolicyLadders {
    public static let fixedStep = "fixed"

    public static func steps(_ subsystem: SubsystemID) -> [String] {
        SubsystemRegistry.descriptor(subsystem).ladder
    }
}
