import Backpressure
import Foundation
import Runtime

/// The handshake manager: trust state behind one read/write lock, its mutation paths, and its
/// persistence as the policy prescribes (see Trust/README.md, the ladder).
///
/// - `under-lock`: a change is saved before the write lock is released.
/// - `read-locked-write`: a change marks the dirty signal; the saver writes holding the read
///   lock; stop cancels the saver with no final save.
/// - `fixed`: the saver snapshots under the read lock and writes with no lock held, retries a
///   failed save, and stop drains calls in flight (bounded), then makes a bounded final save.
public final class TrustManager: Sendable {
    private struct Core {
        var trust = TrustState()
        var phase: TrustManagerPhase = .created
        /// Fixed: set once stop has drained the calls in flight; later changes are refused.
        var sealed = false
        var applied = 0
        var saved = 0
        var dirtySince: RuntimeInstant?
        var changedSinceSnapshot: RuntimeInstant?
        var saves = 0
        var saveFailures = 0
        var consecutiveFailures = 0
        var lastError: String?
        var lastSaveCoalesced = 0
        var lastSave: TrustWriteTiming?
        /// The sequence an atomic write in progress will make durable.
        var writingSequence: Int?
        var inFlightCalls = 0
        var setAsideFile: String?
        /// Fixed: why nothing may be written (an unparseable file could not be set aside).
        var writeBlocked: String?
        var leftoversRemoved = 0
        var saver: RuntimeTask?
        var handshakes = 0
        var handshakesRefused = 0
        var handshakesDropped = 0
        /// A save in progress while holding the handshake lock (`under-lock`, `read-locked-write`).
        var diskWriteUnderLock: DiskWriteUnderLock?
        /// The last save under the lock that calls queued behind, remembered for a while.
        var lastQueuedBehindDisk: QueuedBehindDisk?

        /// Changes neither saved nor in a write in progress: what stopping now would lose.
        var unsavable: Int { applied - max(saved, writingSequence ?? 0) }
    }

    private struct Pending: Sendable {
        let file: TrustFile
        let savedBefore: Int
    }

    private enum SaveResult { case saved, failed, skipped }

    private struct DiskWriteUnderLock {
        let holder: String
        let since: RuntimeInstant
        let exclusive: Bool
    }

    public let policy: TrustPolicy
    /// The fix elements this manager runs with: its step's, less any a test withholds.
    public let fixElements: Set<TrustFixElement>
    public let config: TrustConfig
    public let disk: any TrustDisk
    public let lock: TrustLock
    public let dirty: DirtySignal
    /// Fixed: one atomic write at a time (two would share the temporary file).
    public let saveSlot: AsyncSemaphore
    /// Every mutation call passes here before taking the lock: the "hung call" fault closes it.
    public let callGate = Gate(name: "trust.calls")
    public let saveDuration = LatencyRecorder()
    public let fsyncDuration = LatencyRecorder()
    public let handshakeLatency = LatencyRecorder()
    private let handshakeRate: RateMeter
    private let callsDrained = Gate(name: "trust.calls-drained", open: false)
    private let saverFinished = Gate(name: "trust.saver-finished", open: false)
    private let stopFinished = Gate(name: "trust.stop-finished", open: false)
    private let runtime: any Runtime
    private let events: EventLog
    private let core = LockedState(Core())

    public init(
        context: EngineContext, policy: TrustPolicy, config: TrustConfig, disk: any TrustDisk,
        withholding: Set<TrustFixElement> = []
    ) {
        self.policy = policy
        self.fixElements = policy.fixElements.subtracting(withholding)
        self.config = config
        self.disk = disk
        self.runtime = context.runtime
        self.events = context.events
        self.lock = TrustLock(
            // Long holds are shown, not judged: the stall is calls queued behind the disk.
            name: "trust.lock", clock: context.runtime.clock, longHoldThreshold: TrustLock.longHoldShown)
        self.dirty = DirtySignal(name: "trust.dirty", timeSource: context.timeSource)
        self.saveSlot = AsyncSemaphore(name: "trust.save", permits: 1, timeSource: context.timeSource)
        self.handshakeRate = RateMeter(window: config.throughputWindow)
        for primitive: any Instrumented in [lock.semaphore, dirty, saveSlot, callGate] {
            context.instruments.register(primitive, owner: InstrumentOwner(.trust))
        }
    }

    // MARK: Life

    /// Loads the trust file (fixed: removes leftovers first and sets an unparseable file
    /// aside), then starts the saver. Only the first call does anything.
    public func start() async {
        let first = core.withLock { core in
            guard core.phase == .created else { return false }
            core.phase = .running
            return true
        }
        guard first else { return }
        await load()
        if policy != .underLock {
            let saver = runtime.spawn("trust.saver") { [self] in await runSaver() }
            core.withLock { $0.saver = saver }
        }
        events.info(.trust, "trust manager started (\(policy.rawValue)) at \(disk.location)")
    }

    /// Stops the manager as its policy does. Safe to call concurrently: every caller returns
    /// once the first one has finished.
    public func stop() async {
        let first = core.withLock { core in
            guard core.phase < .stopping else { return false }
            core.phase = .stopping
            return true
        }
        guard first else {
            try? await stopFinished.pass()
            return
        }
        switch policy {
        case .underLock:
            break
        case .readLockedWrite:
            // PR #8's Stop closes `done`: the saver exits and whatever it had not saved is lost.
            core.withLock { $0.saver }?.cancel()
        case .fixed:
            await drainCallsInFlight()
            if fixElements.contains(.finalSave) {
                await finalSave()
            } else {
                core.withLock { $0.saver }?.cancel()
            }
        }
        let lost = core.withLock { core in
            core.phase = .stopped
            return core.unsavable
        }
        if lost > 0 {
            events.warn(
                .trust, "trust manager stopped with \(lost) unsaved change\(lost == 1 ? "" : "s") (\(policy.rawValue))")
        } else {
            events.info(.trust, "trust manager stopped, every change saved or being written")
        }
        stopFinished.open()
    }

    public var phase: TrustManagerPhase { core.withLock { $0.phase } }

    // MARK: Mutations and handshakes

    /// Applies one mutation path under the write lock and persists as the policy prescribes.
    /// Fixed refuses new calls once stop has begun (`.refused(.stopped)`).
    @discardableResult
    public func mutate(_ mutation: TrustMutation, by caller: String? = nil) async throws -> TrustMutationOutcome {
        guard enterCall() else { return .refused(.stopped) }
        defer { leaveCall() }
        try await callGate.pass()
        let holder = caller ?? mutation.verb
        return try await lock.withWriteLock(holder) { await applyLocked(mutation, holder: holder) }
    }

    /// One peer's handshake: a read of the trust state, and a pending request if the peer is new.
    public func handshake(nodeId: String, publicKey: String, source: String?) async throws -> HandshakeResult {
        let started = runtime.now
        let known: HandshakeResult? = try await lock.withReadLock("handshake \(nodeId)") {
            let now = runtime.now
            return core.withLock { core in
                if core.trust.isTrusted(nodeId) { return .trusted }
                if core.trust.pending[nodeId] != nil { return .pending }
                if let ban = core.trust.revoked[nodeId], ban.until > now { return .refused(.revoked) }
                return nil
            }
        }
        let result: HandshakeResult
        if let known {
            result = known
        } else {
            let request = TrustMutation.request(
                nodeId: nodeId, publicKey: publicKey, justification: "handshake", source: source)
            switch try await mutate(request, by: "handshake \(nodeId)") {
            case .changed, .unchanged: result = .pending
            case .refused(let reason): result = .refused(reason)
            }
        }
        let finished = runtime.now
        handshakeLatency.record(started.duration(to: finished))
        handshakeRate.record(at: finished)
        core.withLock { core in
            core.handshakes += 1
            if case .refused = result { core.handshakesRefused += 1 }
        }
        return result
    }

    /// An arrival the workload could not take (its concurrency limit was reached).
    func noteHandshakeDropped() {
        core.withLock { $0.handshakesDropped += 1 }
    }

    /// A copy of the trust state (under the read lock, like any handshake read).
    public func trustState() async throws -> TrustState {
        try await lock.withReadLock("read trust state") { core.withLock { $0.trust } }
    }

    /// The state as of now without taking the handshake lock (for snapshots and tests).
    public var currentTrust: TrustState { core.withLock { $0.trust } }
    /// Changes applied since the manager started from its file (the file's sequence included).
    public var appliedChanges: Int { core.withLock { $0.applied } }
    public var savedChanges: Int { core.withLock { $0.saved } }

    private func enterCall() -> Bool {
        core.withLock { core in
            if policy == .fixed, core.phase >= .stopping { return false }
            core.inFlightCalls += 1
            return true
        }
    }

    private func leaveCall() {
        let drained = core.withLock { core in
            core.inFlightCalls -= 1
            assert(core.inFlightCalls >= 0, "more calls left than entered")
            return core.phase == .stopping && core.inFlightCalls == 0
        }
        if drained { callsDrained.open() }
    }

    private func applyLocked(_ mutation: TrustMutation, holder: String) async -> TrustMutationOutcome {
        let now = runtime.now
        let outcome = core.withLock { core -> TrustMutationOutcome in
            if core.sealed { return .refused(.stopped) }
            let outcome = core.trust.apply(mutation, at: now, limits: config.limits)
            if outcome.isChange {
                core.applied += 1
                if core.dirtySince == nil { core.dirtySince = now }
                if core.changedSinceSnapshot == nil { core.changedSinceSnapshot = now }
            }
            return outcome
        }
        guard outcome.isChange else { return outcome }
        switch policy {
        case .underLock:
            // The incident: the write lock stays held for the whole write + fsync.
            _ = await write(takeSnapshot(), underLock: (holder, exclusive: true))
        case .readLockedWrite, .fixed:
            dirty.mark()
        }
        return outcome
    }

    // MARK: Persistence

    private func load() async {
        if policy == .fixed {
            do {
                let removed = try await disk.removeLeftovers()
                if !removed.isEmpty {
                    core.withLock { $0.leftoversRemoved += removed.count }
                    events.warn(.trust, "removed \(removed.joined(separator: ", ")) left by an interrupted save")
                }
            } catch {
                events.error(.trust, "cannot remove leftovers: \(error)")
            }
        }
        let data: Data?
        do {
            data = try await disk.read()
        } catch {
            events.error(.trust, "cannot read \(disk.location): \(error); starting empty")
            if policy == .fixed { core.withLock { $0.writeBlocked = "trust file unreadable at start: \(error)" } }
            return
        }
        guard let data else {
            events.info(.trust, "no trust file at \(disk.location): starting empty")
            return
        }
        do throws(TrustFileError) {
            let file = try TrustFile.decode(data)
            core.withLock { core in
                core.trust = file.state
                core.applied = file.sequence
                core.saved = file.sequence
            }
        } catch {
            guard policy == .fixed else {
                events.error(.trust, "trust file unparseable (\(error)): starting empty, the next save overwrites it")
                return
            }
            do {
                let name = try await disk.setAside()
                core.withLock { $0.setAsideFile = name }
                events.error(.trust, "trust file unparseable (\(error)): kept as \(name), starting empty")
            } catch let setAsideError {
                core.withLock { $0.writeBlocked = "unparseable trust file could not be set aside: \(setAsideError)" }
                events.error(.trust, "trust file unparseable and could not be set aside (\(setAsideError)): not saving")
            }
        }
    }

    /// The background saver of `read-locked-write` and `fixed`.
    private func runSaver() async {
        var retrying = false
        while !Task.isCancelled {
            if retrying {
                do { try await runtime.sleep(for: config.saveRetryDelay) } catch { break }
                _ = dirty.takePending()
            } else {
                // nil: closed (fixed's stop) and nothing pending; a throw: cancelled.
                guard (try? await dirty.wait()) != nil else { break }
            }
            let result = await saveFromSaver()
            retrying = policy == .fixed && result == .failed
        }
        saverFinished.open()
    }

    private func saveFromSaver() async -> SaveResult {
        do {
            switch policy {
            case .underLock:
                preconditionFailure("under-lock saves inside the write lock, it has no saver")
            case .readLockedWrite:
                // PR #8: the snapshot and the whole write + fsync under the read lock.
                let holder = "trust saver: fsync under read lock"
                return try await lock.withReadLock(holder) {
                    await write(takeSnapshot(), underLock: (holder, exclusive: false))
                }
            case .fixed where !fixElements.contains(.writeOffLock):
                let holder = "trust saver: fsync under read lock"
                let permit = try await saveSlot.acquire(label: "trust save")
                let result = try await lock.withReadLock(holder) {
                    await write(takeSnapshot(), underLock: (holder, exclusive: false))
                }
                _ = consume permit
                return result
            case .fixed:
                let permit = try await saveSlot.acquire(label: "trust save")
                let pending = try await lock.withReadLock("trust snapshot") { takeSnapshot() }
                let result = await write(pending)
                _ = consume permit
                return result
            }
        } catch {
            return .skipped
        }
    }

    private func takeSnapshot() -> Pending {
        core.withLock { core in
            core.changedSinceSnapshot = nil
            return Pending(file: TrustFile(sequence: core.applied, state: core.trust), savedBefore: core.saved)
        }
    }

    /// `underLock` names the holder when the caller holds the handshake lock across this write:
    /// calls that queue behind it meanwhile are the incident (see `queuedBehindDisk`).
    private func write(_ pending: Pending, underLock: (holder: String, exclusive: Bool)? = nil) async -> SaveResult {
        guard pending.file.sequence > pending.savedBefore else { return .skipped }
        guard let underLock else { return await writeUnlocked(pending) }
        let since = runtime.now
        core.withLock {
            $0.diskWriteUnderLock = DiskWriteUnderLock(
                holder: underLock.holder, since: since, exclusive: underLock.exclusive)
        }
        let result = await writeUnlocked(pending)
        let queued = lock.semaphore.snapshot().waiters.count
        let now = runtime.now
        core.withLock { core in
            core.diskWriteUnderLock = nil
            if queued > 0 {
                core.lastQueuedBehindDisk = QueuedBehindDisk(
                    holder: underLock.holder, since: since, held: since.duration(to: now), queued: queued,
                    exclusive: underLock.exclusive)
            }
        }
        return result
    }

    /// Calls queued on the handshake lock behind a save that holds it across the disk write:
    /// the one in progress if anyone waits on it now, else the last one that had waiters, for
    /// `TrustLock.longHoldMemory` after it ended. What the incident's users saw, handshakes
    /// waiting for the disk, with no threshold: under `fixed` no save holds the lock.
    public func queuedBehindDisk() -> QueuedBehindDisk? {
        let now = runtime.now
        let waiting = lock.semaphore.snapshot().waiters.count
        return core.withLock { core in
            if let current = core.diskWriteUnderLock, waiting > 0 {
                return QueuedBehindDisk(
                    holder: current.holder, since: current.since, held: current.since.duration(to: now),
                    queued: waiting,
                    exclusive: current.exclusive)
            }
            guard let last = core.lastQueuedBehindDisk,
                last.since.advanced(by: last.held).advanced(by: TrustLock.longHoldMemory) >= now
            else { return nil }
            return last
        }
    }

    private func writeUnlocked(_ pending: Pending) async -> SaveResult {
        if let blocked = core.withLock({ $0.writeBlocked }) {
            recordFailure(blocked)
            return .failed
        }
        let timing: TrustWriteTiming
        core.withLock { $0.writingSequence = pending.file.sequence }
        do {
            // The directory fsync is part of the fix; the original AtomicWrite stopped at rename.
            timing = try await disk.writeAtomically(file: pending.file, syncDirectory: policy == .fixed)
        } catch {
            core.withLock { $0.writingSequence = nil }
            recordFailure(String(describing: error))
            return .failed
        }
        saveDuration.record(timing.total)
        fsyncDuration.record(timing.fsync)
        let now = runtime.now
        core.withLock { core in
            core.saves += 1
            core.consecutiveFailures = 0
            core.lastError = nil
            core.lastSave = timing
            core.lastSaveCoalesced = pending.file.sequence - core.saved
            core.saved = max(core.saved, pending.file.sequence)
            core.writingSequence = nil
            core.dirtySince = core.saved >= core.applied ? nil : (core.changedSinceSnapshot ?? now)
        }
        return .saved
    }

    private func recordFailure(_ reason: String) {
        let failures = core.withLock { core in
            core.saveFailures += 1
            core.consecutiveFailures += 1
            core.lastError = reason
            return core.consecutiveFailures
        }
        events.warn(
            .trust, "trust save failed (\(reason)), \(failures) in a row\(policy == .fixed ? "; retrying" : "")")
    }

    // MARK: Stop (fixed)

    private func drainCallsInFlight() async {
        let inFlight = core.withLock { $0.inFlightCalls }
        if inFlight > 0 {
            do {
                try await withCancellingDeadline(config.stopDrainTimeout, clock: runtime.clock) { [callsDrained] in
                    try await callsDrained.pass()
                }
            } catch {
                let left = core.withLock { $0.inFlightCalls }
                let calls = "\(left) call\(left == 1 ? "" : "s")"
                events.warn(.trust, "stop: \(calls) still in flight after \(config.stopDrainTimeout); saving without")
            }
        }
        core.withLock { $0.sealed = true }
    }

    private func finalSave() async {
        dirty.close()
        guard let saver = core.withLock({ $0.saver }) else { return }
        do {
            try await withCancellingDeadline(config.finalSaveTimeout, clock: runtime.clock) { [saverFinished] in
                try await saverFinished.pass()
            }
        } catch {
            saver.cancel()
            events.error(.trust, "stop: final save did not finish within \(config.finalSaveTimeout)")
        }
    }

    // MARK: After stop

    /// Once stopped: whether every change acknowledged (applied; a mutation returns once it is)
    /// is in `file` (what the disk holds), unless stop reported it lost or a write of it was
    /// still in progress. Empty when the promise held, or when it cannot be judged yet.
    public func persistenceViolations(file: Data?) -> [String] {
        let core = core.withLock { $0 }
        guard core.phase == .stopped, core.unsavable == 0, core.writingSequence == nil, core.applied > 0 else {
            return []
        }
        guard let file else {
            return ["\(core.applied) changes acknowledged and none reported lost, but no trust file on disk"]
        }
        guard let saved = try? TrustFile.decode(file) else {
            return ["\(core.applied) changes acknowledged and none reported lost, but the trust file does not parse"]
        }
        if saved.sequence != core.applied {
            return [
                "\(core.applied) changes acknowledged and none reported lost, but the trust file holds \(saved.sequence)"
            ]
        }
        return saved.state == core.trust
            ? [] : ["the trust file holds other peers than the \(core.applied) changes acknowledged"]
    }

    // MARK: Snapshot

    /// Everything, with the percentiles of `latencies` (the others `.empty`).
    public func snapshot(latencies: TrustLatencies = .all) -> TrustSnapshot {
        func summary(_ recorder: LatencyRecorder, _ latency: TrustLatencies) -> LatencySummary {
            latencies.contains(latency) ? recorder.summary : .empty
        }
        let now = runtime.now
        let state = core.withLock { $0 }
        var snapshot = TrustSnapshot(
            policy: policy, phase: state.phase, location: disk.location,
            trustedCount: state.trust.trusted.count, pendingCount: state.trust.pending.count,
            revokedCount: state.trust.revoked.count,
            unsavedChanges: state.applied - state.saved,
            dirtyFor: state.dirtySince.map { $0.duration(to: now) },
            coalescedPending: dirty.snapshot().pendingMarks,
            lastSaveCoalesced: state.lastSaveCoalesced, saves: state.saves, saveFailures: state.saveFailures,
            consecutiveSaveFailures: state.consecutiveFailures, lastSaveError: state.lastError,
            lastSaveDuration: state.lastSave?.total, lastFsyncDuration: state.lastSave?.fsync,
            saveDuration: summary(saveDuration, .save), fsyncDuration: summary(fsyncDuration, .fsync),
            changesLostAtStop: state.phase == .stopped ? state.unsavable : nil,
            setAsideFile: state.setAsideFile, leftoversRemoved: state.leftoversRemoved,
            lockHold: summary(lock.hold, .lockHold), lockWait: summary(lock.wait, .lockWait),
            writeLockWait: summary(lock.writeWait, .writeLockWait),
            handshakes: state.handshakes, handshakesPerSecond: handshakeRate.perSecond(at: now),
            handshakeLatency: summary(handshakeLatency, .handshake), handshakesRefused: state.handshakesRefused,
            handshakesDropped: state.handshakesDropped, callsInFlight: state.inFlightCalls,
            fsyncLatency: disk.faults.fsyncLatency, failingWrites: disk.faults.failingWrites,
            warnings: [])
        snapshot.warnings = TrustStallDetector.warnings(
            snapshot, queuedBehindDisk: queuedBehindDisk(), dirtySince: state.dirtySince, now: now, config: config)
        return snapshot
    }

    /// The warnings alone: what a stall detector samples, without reading the histograms.
    public func stallWarnings() -> [StallWarning] { snapshot(latencies: []).warnings }
}
