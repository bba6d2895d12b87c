/// A semaphore of the task (read permits or stream slots) as the permits panel shows it.
public struct ColdPermitPool: Sendable, Equatable, Codable {
    public let name: String
    public let total: Int
    public let held: Int
    public let available: Int
    /// Acquirers queued, and the permits they still need.
    public let waiting: Int
    public let waitingPermits: Int
    public let isClosed: Bool
    /// Labelled holders, oldest first.
    public let holders: [ColdPermitHolder]
}
