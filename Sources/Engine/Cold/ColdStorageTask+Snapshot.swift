import Backpressure
import Runtime

/// The snapshot: primitives' own snapshots joined with the ledger, plus the detector's warnings.
extension ColdStorageTask {
    public func snapshot() -> ColdSnapshot {
        let now = runtime.now
        let records = ledger.all()
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reads = readPermits.snapshot()
        let slots = streamSlots.snapshot()
        let progress = progress.withLock { $0 }
        let counters = stats.current
        let readPool = Self.pool(reads, requests: byID)
        let writer = writerSnapshot(progress, reads: reads, pool: readPool, records: records, now: now)
        let requestedAt = progress.shutdownRequestedAt
        var snapshot = ColdSnapshot(
            policy: policy, at: now,
            readPermits: readPool,
            streamSlots: Self.pool(slots, requests: byID),
            readChannel: Self.fill(readSender.channel.snapshot()),
            writeChannel: Self.fill(writeSender.channel.snapshot()),
            writer: writer,
            dispatcher: ColdDispatcherSnapshot(
                state: progress.dispatcher, since: progress.dispatcherSince,
                duration: progress.dispatcherSince.duration(to: now)),
            requests: records,
            errors: Dictionary(
                uniqueKeysWithValues: ColdErrorKind.allCases.map { ($0.rawValue, counters.errors[$0] ?? 0) }),
            deadlineExpirations: counters.deadlineExpirations,
            readsServed: counters.readsServed,
            writesAccepted: counters.writesAccepted,
            writesApplied: counters.writesApplied,
            streamsOpened: counters.streamsOpened,
            activeStreams: counters.streamsActive,
            logsStreamed: counters.logsStreamed,
            callersWaiting: counters.callersStarted - counters.callersAnswered,
            shutdown: progress.phase,
            shutdownRequestedAt: requestedAt,
            shutdownDuration: requestedAt.map { $0.duration(to: progress.terminatedAt ?? now) },
            warnings: [])
        snapshot.warnings = ColdStallDetector(config: config, elements: fixElements).warnings(in: snapshot)
        return snapshot
    }

    private func writerSnapshot(
        _ progress: ColdTaskProgress, reads: SemaphoreSnapshot, pool: ColdPermitPool, records: [ColdRequestRecord],
        now: RuntimeInstant
    ) -> ColdWriterSnapshot {
        var state = progress.writer
        var blockedBy: [ColdPermitHolder] = []
        if case .draining(_, let required) = state {
            if !fixElements.contains(.readSemaphore) {
                // The tracker drain waits for every read in flight; they hold no permits.
                let running = records.filter { $0.state != .queued && $0.state != .streaming }
                let remaining = min(required, handlers.count)
                state = .draining(collected: required - remaining, required: required)
                blockedBy = running.prefix(remaining).map { record in
                    ColdPermitHolder(
                        label: record.label, requestID: record.id, operation: record.operation, state: record.state,
                        permits: 0, age: record.admittedAt.duration(to: now), activity: record.activity)
                }
            } else {
                let drain = reads.waiters.first { $0.label == Self.drainLabel }
                let granted = reads.holders.contains { $0.label == Self.drainLabel }
                state = .draining(collected: drain?.collected ?? (granted ? required : 0), required: required)
                blockedBy = drain == nil ? [] : pool.holders.filter { $0.label != Self.drainLabel }
            }
        }
        return ColdWriterSnapshot(
            state: state, since: progress.writerSince, duration: progress.writerSince.duration(to: now),
            writeID: progress.writeInProgress, blockedBy: blockedBy, lastWriteAt: progress.lastWriteAt)
    }

    private static func pool(_ semaphore: SemaphoreSnapshot, requests: [UInt64: ColdRequestRecord]) -> ColdPermitPool {
        let holders = semaphore.holders.map { holder in
            let record = requestID(inLabel: holder.label).flatMap { requests[$0] }
            return ColdPermitHolder(
                label: holder.label, requestID: record?.id, operation: record?.operation, state: record?.state,
                permits: holder.permits, age: holder.age, activity: record?.activity)
        }
        return ColdPermitPool(
            name: semaphore.name, total: semaphore.total, held: semaphore.held, available: semaphore.available,
            waiting: semaphore.waiters.count, waitingPermits: semaphore.waitingPermits, isClosed: semaphore.isClosed,
            holders: holders)
    }

    private static func fill(_ channel: ChannelSnapshot) -> ColdChannelFill {
        ColdChannelFill(
            name: channel.name, capacity: channel.capacity, length: channel.length + channel.reserved,
            highWater: channel.highWater, waitingSenders: channel.waitingSenders,
            fullRejections: channel.fullRejections, isClosed: channel.isClosed)
    }
}

extension ColdStorageTask {
    /// Once the task has terminated: every accepted write was applied, failed (logged), or
    /// dropped with its caller told; none may be dropped with nobody told, or go unaccounted.
    func writeViolations() -> [InvariantViolation] {
        let counters = stats.current
        var violations: [InvariantViolation] = []
        let silent = counters.writesDroppedSilently
        if silent > 0 {
            violations.append(
                InvariantViolation(
                    .writesAppliedOrReported, by: .cold,
                    "\(silent) accepted fire-and-forget write\(silent == 1 ? "" : "s") dropped at shutdown: never applied, never reported"
                ))
        }
        let accounted =
            counters.writesApplied + counters.writesFailed + counters.writesDroppedAnswered + silent
        if accounted != counters.writesAccepted {
            violations.append(
                InvariantViolation(
                    .writesAppliedOrReported, by: .cold,
                    "\(counters.writesAccepted) writes accepted but \(accounted) applied, failed or dropped"))
        }
        return violations
    }
}
