import Backpressure
import Runtime

/// Every field of a primitive's snapshot, fed to a hash: what a record's final-state digest
/// covers. Written out by hand because `String(describing:)` of the snapshots walks them by
/// reflection, about 150,000 instructions a channel: with 20,000 listener peers that was three
/// quarters of a run (issue 17). A field added to a snapshot belongs here too.
extension ResourceSnapshot {
    func digest(into hasher: inout FNV1a) {
        switch self {
        case .semaphore(let s):
            hasher.add(tag: 1)
            hasher.add(s.name)
            for value in [s.total, s.available, s.held, s.highWater, s.acquisitions, s.rejections] { hasher.add(value) }
            hasher.add(s.isClosed)
            hasher.add(s.waiters.count)
            for waiter in s.waiters {
                hasher.add(waiter.label ?? "\u{0}nil")
                hasher.add(waiter.requested)
                hasher.add(waiter.collected)
                hasher.add(waiter.waited)
            }
            hasher.add(s.holders.count)
            for holder in s.holders {
                hasher.add(littleEndian: holder.id)
                hasher.add(holder.label)
                hasher.add(holder.permits)
                hasher.add(holder.age)
            }
        case .channel(let c):
            hasher.add(tag: 2)
            hasher.add(c.name)
            for value in [
                c.capacity, c.length, c.reserved, c.highWater, c.sends, c.receives, c.fullRejections, c.waitingSenders,
            ] {
                hasher.add(value)
            }
            hasher.add(c.receiverWaiting)
            hasher.add(c.isClosed)
            hasher.add(c.sendersGone)
        case .dirtySignal(let d):
            hasher.add(tag: 3)
            hasher.add(d.name)
            hasher.add(d.pendingMarks)
            hasher.add(d.dirtyFor != nil)
            hasher.add(d.dirtyFor ?? .zero)
            hasher.add(d.totalMarks)
            hasher.add(d.batches)
            hasher.add(d.isClosed)
        case .gate(let g):
            hasher.add(tag: 4)
            hasher.add(g.name)
            hasher.add(g.isOpen)
            hasher.add(g.entered)
            hasher.add(g.passed)
            hasher.add(g.waiting)
        }
    }
}

extension FNV1a {
    fileprivate mutating func add(tag: UInt8) { add(tag) }
    fileprivate mutating func add(_ value: Int) { add(littleEndian: UInt64(bitPattern: Int64(value))) }
    fileprivate mutating func add(_ value: Bool) { add(value ? 1 as UInt8 : 0) }
    /// Length first, so two strings never run into each other.
    fileprivate mutating func add(_ text: String) {
        add(text.utf8.count)
        add(text.utf8)
    }
    fileprivate mutating func add(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        add(littleEndian: UInt64(bitPattern: seconds))
        add(littleEndian: UInt64(bitPattern: attoseconds))
    }
}
