import Backpressure

/// One semaphore as the permits panel shows it (cold read permits, stream slots, ...).
public struct PermitPool: Equatable, Sendable {
    public struct Holder: Equatable, Sendable {
        public var label: String
        public var permits: Int
        public var age: Duration

        public init(label: String, permits: Int, age: Duration) {
            self.label = label
            self.permits = permits
            self.age = age
        }
    }

    public var name: String
    public var total: Int
    public var held: Int
    public var available: Int
    /// Queued acquirers, and the permits they still need.
    public var waiters: Int
    public var waitingPermits: Int
    public var longestWait: Duration?
    public var highWater: Int
    public var isClosed: Bool
    /// Labelled holders, oldest first.
    public var holders: [Holder]
    /// Lines the permits panel keeps under the pool for its holders: at least one per holder,
    /// and more while recent holders' lines are still kept (`HolderLines`).
    public var holderLines: Int
    /// The component that registered the semaphore: what `c` and `g` act on when the row is
    /// selected (`trust.save` reaches the trust store).
    public var owner: InstrumentOwner?

    public init(
        name: String, total: Int, held: Int, available: Int, waiters: Int, waitingPermits: Int,
        longestWait: Duration?, highWater: Int, isClosed: Bool, holders: [Holder], holderLines: Int = 0,
        owner: InstrumentOwner? = nil
    ) {
        self.name = name
        self.total = total
        self.held = held
        self.available = available
        self.waiters = waiters
        self.waitingPermits = waitingPermits
        self.longestWait = longestWait
        self.highWater = highWater
        self.isClosed = isClosed
        self.holders = holders
        self.holderLines = Swift.max(holderLines, holders.count)
        self.owner = owner
    }

    public init(_ snapshot: SemaphoreSnapshot, owner: InstrumentOwner? = nil) {
        self.init(
            name: snapshot.name, total: snapshot.total, held: snapshot.held, available: snapshot.available,
            waiters: snapshot.waiters.count, waitingPermits: snapshot.waitingPermits,
            longestWait: snapshot.waiters.map(\.waited).max(), highWater: snapshot.highWater,
            isClosed: snapshot.isClosed,
            holders: snapshot.holders.map { Holder(label: $0.label, permits: $0.permits, age: $0.age) }, owner: owner)
    }

    public var fill: Double { total > 0 ? Double(held) / Double(total) : 0 }
}
