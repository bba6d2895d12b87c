/// Generic stall detectors over primitive snapshots only, so they work on any service that
/// registers its primitives, with no code of its own: the engine runs them beside its
/// subsystems' detectors, the dashboard attached to a service runs them over its agent's
/// snapshots, and a service may run them itself.
///
/// What it reports (`StallFinding`), each past its bound in `StallThresholds`:
/// - a semaphore waiter waiting long, with the labelled holders it waits behind;
/// - labelled permits held long;
/// - a channel full long, with what its consumer does (`ChannelConsumer`);
/// - a wait-for chain across semaphores, and a cycle of them (a deadlock), where holder and
///   waiter labels name the same tasks.
///
/// Pure: it never reads a clock. Feed it snapshots with the instant they were taken, on one
/// clock, in order; the only state it keeps is since when each channel has been full (and what
/// its consumer had taken then), so a channel's time full is known to within the interval
/// between two observations.
public struct StallDetection: Sendable {
    public let thresholds: StallThresholds

    /// A channel seen full: since when, and its `receives` count then.
    private struct FullChannel: Sendable {
        let since: Duration
        let receives: Int
    }

    /// Channels are told apart by owner and name: per-item channels share a name pattern but
    /// not an owner item.
    private struct ChannelKey: Hashable, Sendable {
        let owner: InstrumentOwner?
        let name: String
    }

    private var fullChannels: [ChannelKey: FullChannel] = [:]
    private var lastObserved: Duration?

    public init(thresholds: StallThresholds = .standard) {
        self.thresholds = thresholds
    }

    /// The findings in `readings`, taken at `now` (on the clock of every earlier call): the
    /// semaphores' and channels' findings in registration order, then chains and cycles.
    ///
    /// An instant earlier than the last one is a new clock (an attached service that restarted):
    /// what was known of full channels is dropped.
    public mutating func observe(_ readings: [InstrumentReading], at now: Duration) -> [StallFinding] {
        if let lastObserved, now < lastObserved { fullChannels.removeAll() }
        lastObserved = now
        var findings: [StallFinding] = []
        var semaphores: [SemaphoreSnapshot] = []
        var stillFull: [ChannelKey: FullChannel] = [:]
        for reading in readings {
            switch reading.snapshot {
            case .semaphore(let semaphore):
                semaphores.append(semaphore)
                findings += semaphoreFindings(semaphore)
            case .channel(let channel):
                // A closed channel refuses sends at once: nothing waits on it, full or not.
                guard channel.isFull, !channel.isClosed else { continue }
                let key = ChannelKey(owner: reading.owner, name: channel.name)
                let full = fullChannels[key] ?? FullChannel(since: now, receives: channel.receives)
                stillFull[key] = full
                let fullFor = now - full.since
                guard fullFor >= thresholds.channelFull else { continue }
                let received = channel.receives - full.receives
                let consumer: ChannelConsumer =
                    channel.receiverWaiting
                    ? .parkedOnReservations : received > 0 ? .drainingSlowly(received: received) : .notDraining
                findings.append(
                    .channelFull(
                        channel: channel.name, fullFor: fullFor, length: channel.length, reserved: channel.reserved,
                        capacity: channel.capacity, waitingSenders: channel.waitingSenders, consumer: consumer))
            case .dirtySignal, .gate:
                continue
            }
        }
        fullChannels = stillFull
        return findings + WaitForGraph(semaphores: semaphores, waiterWait: thresholds.waiterWait).findings()
    }

    /// Snapshots read without owners (`InstrumentRegistry.snapshots()`).
    public mutating func observe(_ snapshots: [ResourceSnapshot], at now: Duration) -> [StallFinding] {
        observe(snapshots.map { InstrumentReading(owner: nil, snapshot: $0) }, at: now)
    }

    private func semaphoreFindings(_ semaphore: SemaphoreSnapshot) -> [StallFinding] {
        var findings: [StallFinding] = []
        let waiting = semaphore.waiters.filter { $0.waited >= thresholds.waiterWait }
        if let longest = waiting.max(by: { $0.waited < $1.waited }) {
            let labelled = semaphore.holders.reduce(0) { $0 + $1.permits }
            findings.append(
                .longWait(
                    resource: semaphore.name, waiter: longest.label, requested: longest.requested,
                    collected: longest.collected, waited: longest.waited,
                    holders: semaphore.holders.map(PermitHolding.init),
                    unlabelledPermits: max(0, semaphore.held - labelled), othersWaiting: waiting.count - 1))
        }
        let holding = semaphore.holders.filter { $0.age >= thresholds.permitHold }
        if !holding.isEmpty {
            findings.append(.longHold(resource: semaphore.name, holders: holding.map(PermitHolding.init)))
        }
        return findings
    }
}
