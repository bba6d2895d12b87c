/// An operator command of a running subsystem, as the engine's state makes it now.
public struct OfferedCommand: Sendable, Equatable {
    public let subsystem: SubsystemID
    public let key: Character
    public let help: String
    public let state: CommandState
}
