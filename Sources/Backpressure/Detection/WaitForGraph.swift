/// Who waits for whom across semaphores, read from one set of snapshots: a task (a waiter's
/// label) that has waited past the threshold on a semaphore waits for that semaphore's holders;
/// a holder whose label is also a waiter's label elsewhere waits in turn.
///
/// Labels identify tasks. Only waits past the threshold make edges: snapshots of different
/// semaphores are taken one after the other, not at one instant, so a wait that has just begun
/// may already be over; a wait that has lasted the threshold is not a tear between two reads.
struct WaitForGraph {
    private let semaphores: [SemaphoreSnapshot]
    /// For each waiting task: the semaphore (an index into `semaphores`) it waits on, and how
    /// long. A label that waits on two semaphores keeps the first, in registration order.
    private let waits: [String: (semaphore: Int, waited: Duration)]
    private let waiterWait: Duration

    init(semaphores: [SemaphoreSnapshot], waiterWait: Duration) {
        self.semaphores = semaphores
        self.waiterWait = waiterWait
        var waits: [String: (semaphore: Int, waited: Duration)] = [:]
        for (index, semaphore) in semaphores.enumerated() {
            for waiter in semaphore.waiters where waiter.waited >= waiterWait {
                guard let label = waiter.label, waits[label] == nil else { continue }
                waits[label] = (index, waiter.waited)
            }
        }
        self.waits = waits
    }

    /// From each semaphore's longest labelled waiter past the threshold, the chain of tasks it
    /// waits on: a chain of two links or more, or the cycle it runs into (each cycle once, from
    /// its least label).
    func findings() -> [StallFinding] {
        var findings: [StallFinding] = []
        var cyclesSeen: Set<[String]> = []
        for (index, semaphore) in semaphores.enumerated() {
            let labelled = semaphore.waiters.filter { $0.label != nil && $0.waited >= waiterWait }
            guard let start = labelled.max(by: { $0.waited < $1.waited }), let label = start.label else { continue }
            switch walk(from: label, on: index, waited: start.waited) {
            case .chain(let links) where links.count >= 2:
                findings.append(.waitChain(links))
            case .chain:
                break
            case .cycle(let links):
                let canonical = Self.rotatedToLeastWaiter(links)
                if cyclesSeen.insert(canonical.map(\.waiter)).inserted { findings.append(.deadlock(canonical)) }
            }
        }
        return findings
    }

    private enum Walk {
        case chain([WaitLink])
        case cycle([WaitLink])
    }

    /// Follows `task`'s wait through holders that wait in turn, until a holder that waits on
    /// nothing (the root blocker), a semaphore with no labelled holder, or a task already on the
    /// path (a cycle). Ends: every step adds a task not yet on the path.
    private func walk(from task: String, on semaphore: Int, waited: Duration) -> Walk {
        var links: [WaitLink] = []
        var onPath: [String: Int] = [:]
        var (task, semaphore, waited) = (task, semaphore, waited)
        while true {
            onPath[task] = links.count
            let holders = semaphores[semaphore].holders
            // The holder that waits elsewhere leads on; else the oldest holder ends the chain.
            guard let next = holders.first(where: { waits[$0.label] != nil }) ?? holders.first else {
                return .chain(links)
            }
            links.append(
                WaitLink(
                    waiter: task, resource: semaphores[semaphore].name, waited: waited, holder: PermitHolding(next)))
            if let first = onPath[next.label] { return .cycle(Array(links[first...])) }
            guard let onward = waits[next.label] else { return .chain(links) }
            (task, semaphore, waited) = (next.label, onward.semaphore, onward.waited)
        }
    }

    /// The same cycle found from any of its tasks, told once: started at its least waiter label.
    static func rotatedToLeastWaiter(_ links: [WaitLink]) -> [WaitLink] {
        guard let least = links.indices.min(by: { links[$0].waiter < links[$1].waiter }) else { return links }
        return Array(links[least...] + links[..<least])
    }
}
