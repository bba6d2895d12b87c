import HeapModule

/// The virtual clock's pending sleeps and deadline timers, earliest first; ties fire in the order
/// they were armed, which keeps a run reproducible.
struct TimerQueue {
    /// What a due timer does: resume a sleeping task, or call a deadline's expiry back (which
    /// undoes a wait and resumes it with an error).
    enum Wakeup {
        case sleeper(UnsafeContinuation<Void, any Error>)
        case expiry(@Sendable () -> Void)
    }

    private struct Entry: Comparable {
        let deadline: RuntimeInstant
        let sequence: UInt64

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
        }
    }

    private var heap = Heap<Entry>()
    private var sleepers: [UInt64: Wakeup] = [:]
    private var nextSequence: UInt64 = 0

    var isEmpty: Bool { sleepers.isEmpty }
    var count: Int { sleepers.count }

    mutating func makeID() -> UInt64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    mutating func arm(id: UInt64, deadline: RuntimeInstant, wakeup: Wakeup) {
        heap.insert(Entry(deadline: deadline, sequence: id))
        sleepers[id] = wakeup
    }

    /// Removes a timer (cancellation, or a wait that ended first); its heap entry is skipped when
    /// it surfaces.
    mutating func disarm(id: UInt64) -> Wakeup? {
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

    /// Every timer due at exactly `instant`, in arming order.
    mutating func popDue(at instant: RuntimeInstant) -> [Wakeup] {
        var due: [Wakeup] = []
        while let top = heap.min, top.deadline <= instant {
            heap.removeMin()
            if let wakeup = sleepers.removeValue(forKey: top.sequence) { due.append(wakeup) }
        }
        return due
    }
}
