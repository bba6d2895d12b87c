import Engine

/// An action a run applied, when, and on whose behalf.
public struct RecordedAction: Sendable, Equatable {
    /// Virtual time since the start of the run.
    public let at: Duration
    public let origin: ActionOrigin
    public let action: EngineAction

    public init(at: Duration, origin: ActionOrigin, action: EngineAction) {
        self.at = at
        self.origin = origin
        self.action = action
    }
}
