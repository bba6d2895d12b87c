/// An outside input and the virtual instant the run consumed it at.
public struct RecordedInput: Sendable, Equatable {
    /// Virtual time since the start of the run.
    public let at: Duration
    public let input: OutsideInput

    public init(at: Duration, input: OutsideInput) {
        self.at = at
        self.input = input
    }
}
