import Backpressure

/// One primitive in a snapshot frame: its kind, name and owner, and exactly one of the
/// kind's fields. Durations are seconds.
public struct AgentResource: Codable, Sendable, Equatable {
    public struct Semaphore: Codable, Sendable, Equatable {
        public struct Holder: Codable, Sendable, Equatable {
            public let label: String
            public let permits: Int
            public let ageSeconds: Double
        }

        public struct Waiter: Codable, Sendable, Equatable {
            public let label: String?
            public let requested: Int
            public let collected: Int
            public let waitedSeconds: Double
        }

        public let total: Int
        public let available: Int
        public let held: Int
        public let isClosed: Bool
        public let highWater: Int
        public let acquisitions: Int
        public let rejections: Int
        /// Queue order, the head first.
        public let waiters: [Waiter]
        /// Labelled holders, oldest first.
        public let holders: [Holder]
    }

    public struct Channel: Codable, Sendable, Equatable {
        public let capacity: Int
        public let length: Int
        public let reserved: Int
        public let highWater: Int
        public let sends: Int
        public let receives: Int
        public let fullRejections: Int
        public let waitingSenders: Int
        public let receiverWaiting: Bool
        public let isClosed: Bool
        public let sendersGone: Bool
    }

    public struct DirtySignal: Codable, Sendable, Equatable {
        public let pendingMarks: Int
        public let dirtyForSeconds: Double?
        public let totalMarks: Int
        public let batches: Int
        public let isClosed: Bool
    }

    public struct Gate: Codable, Sendable, Equatable {
        public let isOpen: Bool
        public let entered: Int
        public let passed: Int
        public let waiting: Int
    }

    /// `semaphore`, `channel`, `dirtySignal` or `gate`: which of the fields below is set.
    public let kind: String
    public let name: String
    public let owner: InstrumentOwner?
    public let semaphore: Semaphore?
    public let channel: Channel?
    public let dirtySignal: DirtySignal?
    public let gate: Gate?

    public init(_ reading: InstrumentReading) {
        name = reading.snapshot.name
        owner = reading.owner
        var semaphore: Semaphore?
        var channel: Channel?
        var dirtySignal: DirtySignal?
        var gate: Gate?
        switch reading.snapshot {
        case .semaphore(let s):
            kind = "semaphore"
            semaphore = Semaphore(
                total: s.total, available: s.available, held: s.held, isClosed: s.isClosed, highWater: s.highWater,
                acquisitions: s.acquisitions, rejections: s.rejections,
                waiters: s.waiters.map {
                    .init(
                        label: $0.label, requested: $0.requested, collected: $0.collected,
                        waitedSeconds: $0.waited.seconds)
                },
                holders: s.holders.map { .init(label: $0.label, permits: $0.permits, ageSeconds: $0.age.seconds) })
        case .channel(let c):
            kind = "channel"
            channel = Channel(
                capacity: c.capacity, length: c.length, reserved: c.reserved, highWater: c.highWater, sends: c.sends,
                receives: c.receives, fullRejections: c.fullRejections, waitingSenders: c.waitingSenders,
                receiverWaiting: c.receiverWaiting, isClosed: c.isClosed, sendersGone: c.sendersGone)
        case .dirtySignal(let d):
            kind = "dirtySignal"
            dirtySignal = DirtySignal(
                pendingMarks: d.pendingMarks, dirtyForSeconds: d.dirtyFor?.seconds, totalMarks: d.totalMarks,
                batches: d.batches, isClosed: d.isClosed)
        case .gate(let g):
            kind = "gate"
            gate = Gate(isOpen: g.isOpen, entered: g.entered, passed: g.passed, waiting: g.waiting)
        }
        self.semaphore = semaphore
        self.channel = channel
        self.dirtySignal = dirtySignal
        self.gate = gate
    }
}

extension Duration {
    /// Seconds as a decimal, for the wire.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
