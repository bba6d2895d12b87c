import HeapModule

/// The virtual clock's pending sleeps, earliest first; ties fire in the order they were armed,
/// which keeps a run reproducible.
struct TimerQueue {
    private struct Entry: Comparable {
        let deadline: RuntimeInstant
        let sequence: UInt64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
        }
    }

    private var heap = Heap<Entry>()
    private var sleepers: [UInt64: UnsafeContinuation<Void, any Error>] = [:]
    private var nextSequence: UInt64 = 0

    var isEmpty: Bool { sleepers.isEmpty }
    var count: Int { sleepers.count }

    mutating func makeID() -> UInt64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    mutating func arm(id: UInt64, deadline: RuntimeInstant, continuation: UnsafeContinuation<Void, any Error>) {
        heap.insert(Entry(deadline: deadline, sequence: id))
        sleepers[id] = continuation
    }

    /// Removes a sleeper (cancellation); its heap entry is skipped when it surfaces.
    mutating func disarm(id: UInt64) -> UnsafeContinuation<Void, any Error>? {
        sleepers.removeValue(forKey: id)
    }

    /// The earliest live deadline.
    mutating func nextDeadline() -> RuntimeInstant? {
        while let top = heap.min {
            if sleepers[top.sequence] != nil { return top.deadline }
            heap.removeMin()  // disarmed
        }
        return nil
    }

    /// Every sleeper due at exactly `instant`, in arming order.
    mutating func popDue(at instant: RuntimeInstant) -> [UnsafeContinuation<Void, any Error>] {
        var due: [UnsafeContinuation<Void, any Error>] = []
        while let top = heap.min, top.deadline <= instant {
            heap.removeMin()
            if let continuation = sleepers.removeValue(forKey: top.sequence) { due.append(continuation) }
        }
        return due
    }
}
