import Backpressure

extension AgentResource {
    /// The resource as the dashboard's panels read a local one; nil for a kind this build does
    /// not know or a resource missing its kind's fields.
    package var reading: InstrumentReading? {
        let snapshot: ResourceSnapshot
        switch kind {
        case "semaphore":
            guard let s = semaphore else { return nil }
            snapshot = .semaphore(
                SemaphoreSnapshot(
                    name: name, total: s.total, available: s.available, held: s.held, isClosed: s.isClosed,
                    highWater: s.highWater, acquisitions: s.acquisitions, rejections: s.rejections,
                    waiters: s.waiters.map {
                        .init(
                            label: $0.label, requested: $0.requested, collected: $0.collected,
                            waited: wireDuration($0.waitedSeconds))
                    },
                    holders: s.holders.enumerated().map {
                        .init(
                            id: UInt64($0.offset), label: $0.element.label, permits: $0.element.permits,
                            age: wireDuration($0.element.ageSeconds))
                    }))
        case "channel":
            guard let c = channel else { return nil }
            snapshot = .channel(
                ChannelSnapshot(
                    name: name, capacity: max(1, c.capacity), length: c.length, reserved: c.reserved,
                    highWater: c.highWater, sends: c.sends, receives: c.receives, fullRejections: c.fullRejections,
                    waitingSenders: c.waitingSenders, receiverWaiting: c.receiverWaiting, isClosed: c.isClosed,
                    sendersGone: c.sendersGone))
        case "dirtySignal":
            guard let d = dirtySignal else { return nil }
            snapshot = .dirtySignal(
                DirtySignalSnapshot(
                    name: name, pendingMarks: d.pendingMarks, dirtyFor: d.dirtyForSeconds.map(wireDuration),
                    totalMarks: d.totalMarks, batches: d.batches, isClosed: d.isClosed))
        case "gate":
            guard let g = gate else { return nil }
            snapshot = .gate(
                GateSnapshot(name: name, isOpen: g.isOpen, entered: g.entered, passed: g.passed, waiting: g.waiting))
        default:
            return nil
        }
        return InstrumentReading(owner: owner, snapshot: snapshot)
    }
}

/// Seconds from the wire as a duration, kept to 0 ... 10^9 s: a value from another process never
/// traps the conversion (infinity, NaN, 1e300).
package func wireDuration(_ seconds: Double) -> Duration {
    guard seconds.isFinite, seconds > 0 else { return .zero }
    return .seconds(min(seconds, 1e9))
}
