/// A labelled holder of a semaphore's permits, as a finding names it: "read #17 (held 12.3 s)".
public struct PermitHolding: Sendable, Equatable, CustomStringConvertible {
    /// The holder's label: the task (or request) that holds the permits.
    public let label: String
    public let permits: Int
    /// How long it has held them, at the snapshot.
    public let age: Duration

    public init(label: String, permits: Int, age: Duration) {
        self.label = label
        self.permits = permits
        self.age = age
    }

    init(_ holder: SemaphoreSnapshot.Holder) {
        self.init(label: holder.label, permits: holder.permits, age: holder.age)
    }

    /// "read #17 (held 12.3 s)", or "drain (3 permits, held 1.0 s)".
    public var description: String {
        let permitsText = permits == 1 ? "" : "\(permits) permits, "
        return "\(label) (\(permitsText)held \(age.detectionText))"
    }
}
