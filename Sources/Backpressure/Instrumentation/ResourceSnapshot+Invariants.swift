extension ResourceSnapshot {
    /// What this reading breaks of its primitive's conservation laws, or nil: a semaphore's
    /// permits are all accounted for (available, held, or collected by a waiter, summing to the
    /// total); a channel never holds more than its capacity.
    ///
    /// Checked on a snapshot, so it holds for any primitive, in any process, at any instant its
    /// lock was taken; the scenario runner asserts it at the end of every run.
    public var invariantViolation: String? {
        switch self {
        case .semaphore(let semaphore):
            let collected = semaphore.waiters.reduce(0) { $0 + $1.collected }
            if semaphore.available < 0 || semaphore.held < 0 {
                return "\(semaphore.name): negative permits (available \(semaphore.available), held \(semaphore.held))"
            }
            if semaphore.available + semaphore.held + collected != semaphore.total {
                return
                    "\(semaphore.name): \(semaphore.available) available + \(semaphore.held) held + \(collected) collected "
                    + "!= \(semaphore.total) permits"
            }
            return nil
        case .channel(let channel):
            if channel.length + channel.reserved > channel.capacity {
                return
                    "\(channel.name): \(channel.length) buffered + \(channel.reserved) reserved > capacity \(channel.capacity)"
            }
            return nil
        case .dirtySignal, .gate:
            return nil
        }
    }
}
