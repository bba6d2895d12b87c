/// What an `AsyncSemaphore` looks like at one instant.
public struct SemaphoreSnapshot: Sendable, Equatable {
    /// A labelled permit holder ("read #17").
    public struct Holder: Sendable, Equatable {
        public let id: UInt64
        public let label: String
        public let permits: Int
        public let age: Duration

        package init(id: UInt64, label: String, permits: Int, age: Duration) {
            self.id = id
            self.label = label
            self.permits = permits
            self.age = age
        }
    }

    /// A queued acquirer; `collected` is how many permits the head has gathered so far.
    public struct Waiter: Sendable, Equatable {
        public let label: String?
        public let requested: Int
        public let collected: Int
        public let waited: Duration

        package init(label: String?, requested: Int, collected: Int, waited: Duration) {
            self.label = label
            self.requested = requested
            self.collected = collected
            self.waited = waited
        }
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

    /// A snapshot read from elsewhere (an attached service's agent), for the dashboard's panels.
    package init(
        name: String, total: Int, available: Int, held: Int, isClosed: Bool, highWater: Int, acquisitions: Int,
        rejections: Int, waiters: [Waiter], holders: [Holder]
    ) {
        self.name = name
        self.total = total
        self.available = available
        self.held = held
        self.isClosed = isClosed
        self.highWater = highWater
        self.acquisitions = acquisitions
        self.rejections = rejections
        self.waiters = waiters
        self.holders = holders
    }

    public var oldestHolder: Holder? { holders.first }
    public var waitingPermits: Int { waiters.reduce(0) { $0 + $1.requested - $1.collected } }
}
