/// What an `AsyncSemaphore` looks like at one instant.
public struct SemaphoreSnapshot: Sendable, Equatable {
    /// A labelled permit holder ("read #17").
    public struct Holder: Sendable, Equatable {
        public let id: UInt64
        public let label: String
        public let permits: Int
        public let age: Duration
    }

    /// A queued acquirer; `collected` is how many permits the head has gathered so far.
    public struct Waiter: Sendable, Equatable {
        public let label: String?
        public let requested: Int
        public let collected: Int
        public let waited: Duration
    }

    public let name: String
    public let total: Int
    public let available: Int
    public let held: Int
    public let isClosed: Bool
    public let highWater: Int
    public let acquisitions: Int
    /// `tryAcquire` calls that found no permits.
    public let rejections: Int
    /// In queue order; the head first.
    public let waiters: [Waiter]
    /// Labelled holders, oldest first.
    public let holders: [Holder]

    public var oldestHolder: Holder? { holders.first }
    public var waitingPermits: Int { waiters.reduce(0) { $0 + $1.requested - $1.collected } }
}
