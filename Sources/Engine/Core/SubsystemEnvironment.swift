/// What a run gives every subsystem besides its runtime: where state may persist on disk (a
/// dashboard session; headless runs and replays simulate the disk).
public struct SubsystemEnvironment: Sendable, Equatable {
    /// The state directory for real files, or nil to simulate them.
    public var stateDirectory: String?

    public init(stateDirectory: String? = nil) {
        self.stateDirectory = stateDirectory
    }
}
