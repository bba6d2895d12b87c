/// What a `Gate` looks like at one instant.
public struct GateSnapshot: Sendable, Equatable {
    public let name: String
    public let isOpen: Bool
    /// Callers that reached the gate.
    public let entered: Int
    /// Callers let through.
    public let passed: Int
    /// Callers parked now.
    public let waiting: Int

    /// A snapshot read from elsewhere (an attached service's agent), for the dashboard's panels.
    package init(name: String, isOpen: Bool, entered: Int, passed: Int, waiting: Int) {
        self.name = name
        self.isOpen = isOpen
        self.entered = entered
        self.passed = passed
        self.waiting = waiting
    }
}
