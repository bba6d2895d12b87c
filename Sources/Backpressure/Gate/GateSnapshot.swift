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
}
