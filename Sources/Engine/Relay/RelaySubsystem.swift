import Backpressure
import Runtime

/// A chain of `hopCount` hops carrying streamed payloads from a source through relays to a
/// receiver (see Relay/README.md).
///
/// The source cuts each payload into fragments and sends them over hop 1. Every node keeps an
/// inbound buffer per stream, pushed through the handle its current connection owns. A relay
/// node forks that handle and pipes the fork over the next hop; the last node assembles the
/// payload and checks it. Faults drop or migrate a hop's connection, stop the source, or slow a
/// hop; the policy decides whether the relay survives them.
public final class RelaySubsystem: Sendable {
    /// Finished streams the snapshot keeps listing after the active ones.
    public static let finishedStreamsKept = 8
    /// Why a connection drop cancels its handles; a cancelled fork's warning quotes it.
    static let upstreamDropReason = "upstream drop"

    public let context: EngineContext
    public let policy: RelayPolicy
    public let config: RelayConfig
    /// The fix elements this relay runs with: its step's, less any a test withholds.
    public let fixElements: Set<RelayFixElement>
    private let hops: [RelayHop]
    private let sourceGate = Gate(name: "relay.source", open: true)
    private let payloadRandom: RandomSource
    /// Fired whenever a stream finishes, for `waitUntilFinished(streams:)`.
    private let streamFinished = WakeupList()

    private enum UpstreamFault: String { case drop, migrate }

    private struct ArmedFault {
        let hop: Int
        let afterFragments: Int
        let kind: UpstreamFault
    }

    private struct State {
        /// Active streams and the most recent finished ones, oldest first.
        var streams: [RelayStreamRecord] = []
        var tasks: [Int: [RuntimeTask]] = [:]
        var workload: RuntimeTask?
        var nextStreamID = 1
        var armed: [ArmedFault] = []
        var sourceStopAfterFragments: Int?
        var totals = RelayTotals()
        /// Streams whose receiver assembled other bytes than the source sent: no fault may
        /// change a byte, so any is a bug (`violationsAfterStop`).
        var corrupted: [Int] = []
    }

    private let state = LockedState(State())
    /// Test seam: changes what the receiver assembled before it is checked, so the tests can
    /// break the explorer's "every stream intact" invariant on purpose.
    let tamperWithAssembledBytes = LockedState<(@Sendable ([UInt8]) -> [UInt8])?>(nil)

    /// Streams whose receiver assembled other bytes than the source sent, by id.
    var corruptedStreams: [Int] { state.withLock { $0.corrupted } }

    /// `withholding` removes fix elements from the step (the tests that show every element of
    /// `fixed` is needed by some scenario).
    public init(
        context: EngineContext, policy: RelayPolicy, config: RelayConfig = .default,
        withholding: Set<RelayFixElement> = []
    ) {
        precondition(
            config.hopCount >= 1 && config.payloadBytes > 0 && config.fragmentPayloadBytes > 0,
            "a relay needs a hop and a payload")
        self.context = context
        self.policy = policy
        self.config = config
        self.fixElements = policy.fixElements.subtracting(withholding)
        let random = context.runtime.random.fork("relay")
        hops = (1...config.hopCount).map { RelayHop(index: $0, random: random.fork("hop \($0)")) }
        payloadRandom = random.fork("payload")
        context.instruments.register(sourceGate, owner: InstrumentOwner(.relay))
    }

    private var runtime: any Runtime { context.runtime }

    // MARK: Lifecycle

    /// Starts the source: `streamCount` streams (forever if 0), one every `streamIntervalMilliseconds`.
    public func start() {
        let task = runtime.spawn("relay source") { [self] in
            var started = 0
            while config.streamCount == 0 || started < config.streamCount {
                startStream()
                started += 1
                guard config.streamCount == 0 || started < config.streamCount else { break }
                do { try await runtime.sleep(for: .milliseconds(config.streamIntervalMilliseconds)) } catch { return }
            }
        }
        state.withLock { state in
            precondition(state.workload == nil, "the relay was already started")
            state.workload = task
        }
        context.events.info(.relay, "relay started: \(config.hopCount) hops, \(policy.rawValue)")
    }

    /// Ends every task of the subsystem (source, relays, receivers) and waits for them.
    public func stop() async {
        let tasks = state.withLock { state in
            defer {
                state.tasks.removeAll()
                state.workload = nil
            }
            return (state.workload.map { [$0] } ?? []) + state.tasks.values.flatMap { $0 }
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.join() }
        context.events.info(.relay, "relay stopped")
    }

    /// Returns once `count` streams have finished (done, failed or cancelled) since `start()`:
    /// how a test or a headless run on a live runtime waits without polling.
    public func waitUntilFinished(streams count: Int) async throws {
        func finished() -> Bool {
            state.withLock { $0.totals.streamsDone + $0.totals.streamsFailed >= count }
        }
        while !finished() {
            let listener = streamFinished.register()
            if finished() {
                streamFinished.discard(listener)
                return
            }
            try await streamFinished.wait(listener)
        }
    }

    /// Sends one more stream now; returns its id.
    @discardableResult
    public func startStream() -> Int {
        var payload: [UInt8] = []
        payload.reserveCapacity(config.payloadBytes + 8)
        while payload.count < config.payloadBytes {
            withUnsafeBytes(of: payloadRandom.next()) { payload.append(contentsOf: $0) }
        }
        payload.removeLast(payload.count - config.payloadBytes)
        let id = state.withLock { state in
            defer { state.nextStreamID += 1 }
            return state.nextStreamID
        }
        let record = RelayStreamRecord(
            id: id, payload: payload, fragmentPayloadBytes: config.fragmentPayloadBytes,
            hopCount: config.hopCount, startedAt: runtime.now)
        state.withLock { state in
            state.streams.append(record)
            state.totals.streamsStarted += 1
        }
        track(runtime.spawn("relay stream \(id) source") { [self] in await send(record) }, for: id)
        context.events.info(
            .relay,
            "stream \(id): sending \(payload.count) bytes in \(record.fragmentCount) fragments over \(config.hopCount) hops"
        )
        return id
    }

    // MARK: Faults and operator actions

    /// Drops the connection carrying hop `hop` into its node, cancelling every stream handle it
    /// owns, once the relay at that hop has forwarded `afterFragments` fragments of a stream
    /// (at once if 0). The hop reconnects at once and delivers the rest of each stream through
    /// new handles. Returns false (and logs why) for a hop that does not exist or cannot count.
    @discardableResult
    public func dropUpstream(hop: Int, afterFragments: Int = 0) -> Bool {
        arm(.drop, hop: hop, afterFragments: afterFragments)
    }

    /// Moves hop `hop` to a new connection without cancelling anything, once its relay has
    /// forwarded `afterFragments` fragments (at once if 0): the rest of each stream arrives
    /// through a handle that does not share the relay fork's sync state, the lost-wakeup path.
    @discardableResult
    public func migrateUpstream(hop: Int, afterFragments: Int = 0) -> Bool {
        arm(.migrate, hop: hop, afterFragments: afterFragments)
    }

    /// Stops the source: at once, or when a stream's sender reaches `afterFragments` fragments.
    /// Senders park until `resumeSource()`; nothing tells the relays, so only a timeout can end
    /// their wait.
    public func stopSource(afterFragments: Int? = nil) {
        if let afterFragments {
            precondition(afterFragments >= 0, "a fragment count is not negative")
            state.withLock { $0.sourceStopAfterFragments = afterFragments }
            context.events.warn(.relay, "source will stop after \(afterFragments) fragments")
        } else {
            sourceGate.close()
            context.events.warn(.relay, "source stopped")
        }
    }

    public func resumeSource() {
        state.withLock { $0.sourceStopAfterFragments = nil }
        sourceGate.open()
        context.events.info(.relay, "source resumed")
    }

    /// Makes every transmission over hop `hop` take `factor` times as long (1 restores it).
    @discardableResult
    public func slowHop(_ hop: Int, factor: Int) -> Bool {
        guard (1...config.hopCount).contains(hop), factor >= 1 else {
            context.events.warn(
                .relay, "cannot slow hop \(hop) by \(factor): hops are 1...\(config.hopCount), factors >= 1")
            return false
        }
        hops[hop - 1].setSlowdown(factor: factor)
        context.events.warn(.relay, factor == 1 ? "hop \(hop) restored" : "hop \(hop) slowed \(factor)x")
        return true
    }

    /// Cancels stream `id` everywhere in the chain (the operator's cancel key): its source,
    /// relays and receiver stop and it is reported failed. A stream that already failed but
    /// still has pipes waiting with no timer (bug 3) has those ended and keeps its failure.
    /// Returns false for an unknown stream or one with nothing left to end.
    @discardableResult
    public func cancelStream(_ id: Int) -> Bool {
        let found = state.withLock { state -> (RelayStreamRecord, [RuntimeTask])? in
            guard let record = state.streams.first(where: { $0.id == id }) else { return nil }
            guard record.outcome == nil || hasHungPipes(record.reading()) else { return nil }
            return (record, state.tasks[id] ?? [])
        }
        guard let (record, tasks) = found else {
            context.events.warn(.relay, "cannot cancel stream \(id): not an active stream")
            return false
        }
        for task in tasks { task.cancel() }
        if record.outcome == nil {
            finish(record, .failed("cancelled by operator", at: runtime.now))
        } else {
            // The phases go idle as the cancelled pipes exit; until then they count as hung.
            for node in 1..<config.hopCount { record.setPhase(.idle, atNode: node) }
            context.events.info(.relay, "stream \(id): ended the pipes still waiting after its failure")
        }
        return true
    }

    private func arm(_ kind: UpstreamFault, hop: Int, afterFragments: Int) -> Bool {
        // Counting forwarded fragments needs a relay at the hop, so the receiver's hop can only
        // be hit at once.
        let valid =
            afterFragments == 0
            ? (1...config.hopCount).contains(hop)
            : afterFragments > 0 && (1..<config.hopCount).contains(hop)
        guard valid else {
            context.events.warn(
                .relay,
                "cannot \(kind.rawValue) the upstream of hop \(hop) after \(afterFragments) fragments: hops are 1...\(config.hopCount), relays 1..<\(config.hopCount)"
            )
            return false
        }
        if afterFragments == 0 {
            inject(kind, hop: hop)
        } else {
            state.withLock { $0.armed.append(ArmedFault(hop: hop, afterFragments: afterFragments, kind: kind)) }
            context.events.info(
                .relay, "armed: \(kind.rawValue) the upstream of hop \(hop) after \(afterFragments) fragments")
        }
        return true
    }

    private func inject(_ kind: UpstreamFault, hop: Int) {
        switch kind {
        case .drop:
            let cancelled = hops[hop - 1].dropConnection(because: Self.upstreamDropReason)
            state.withLock { $0.totals.upstreamDrops += 1 }
            context.events.warn(
                .relay, "dropped the upstream connection of hop \(hop): \(cancelled) stream handles cancelled")
        case .migrate:
            hops[hop - 1].migrateConnection()
            state.withLock { $0.totals.upstreamMigrations += 1 }
            context.events.warn(.relay, "moved hop \(hop) to a new upstream connection")
        }
    }

    private func applyArmedFaults(hop: Int, forwarded: Int) {
        let due = state.withLock { state -> [ArmedFault] in
            let due = state.armed.filter { $0.hop == hop && $0.afterFragments <= forwarded }
            state.armed.removeAll { $0.hop == hop && $0.afterFragments <= forwarded }
            return due
        }
        for fault in due { inject(fault.kind, hop: fault.hop) }
    }

    // MARK: The chain

    private func send(_ record: RelayStreamRecord) async {
        do {
            for index in 0..<record.fragmentCount {
                let stopNow = state.withLock { state -> Bool in
                    guard let after = state.sourceStopAfterFragments, index >= after else { return false }
                    state.sourceStopAfterFragments = nil
                    return true
                }
                if stopNow { stopSource() }
                record.setPhase(.waiting(since: runtime.now), atNode: 0)
                try await sourceGate.pass()
                let start = index * config.fragmentPayloadBytes
                let fragment = StreamFragment(
                    index: index,
                    bytes: Array(record.payload[start..<min(start + config.fragmentPayloadBytes, record.payload.count)])
                )
                record.setPhase(.transmitting(since: runtime.now), atNode: 0)
                try await transmit(fragment, of: record, overHop: 1)
                record.noteForwarded(byNode: 0, count: index + 1)
            }
            record.setPhase(.finished, atNode: 0)
        } catch {
            // Only `stop()` and `cancelStream(_:)` cancel a sender.
        }
    }

    /// Sends a fragment over hop `hop` (taking the hop's time) and delivers it to node `hop`.
    private func transmit(_ fragment: StreamFragment, of record: RelayStreamRecord, overHop hop: Int) async throws {
        try await runtime.sleep(for: hops[hop - 1].transmitDelay(bytes: fragment.bytes.count, config: config))
        deliver(fragment, of: record, atNode: hop)
    }

    private func deliver(_ fragment: StreamFragment, of record: RelayStreamRecord, atNode node: Int) {
        // A fragment still in flight when its stream was cancelled or failed must not reopen
        // the stream at the node (and start a relay nobody would end).
        guard record.outcome == nil else { return }
        let hop = hops[node - 1]
        let makeBuffer = {
            FragmentBuffer(totalBytes: record.payload.count, fragmentPayloadBytes: self.config.fragmentPayloadBytes)
        }
        let (handle, isNew) = hop.arrival(of: record.id, makeBuffer: makeBuffer, elements: fixElements)
        if isNew {
            record.attach(handle.buffer, atNode: node)
            if node < config.hopCount {
                // The fork is taken when the relay is set up, as the incident's relay did.
                let fork = handle.fork()
                track(
                    runtime.spawn("relay stream \(record.id) hop \(node)") { [self] in
                        await relay(record, atNode: node, reading: fork)
                    }, for: record.id)
            } else {
                track(
                    runtime.spawn("relay stream \(record.id) receiver") { [self] in
                        await receive(record, reading: handle)
                    }, for: record.id)
            }
        }
        do {
            try handle.push(fragment)
        } catch {
            // The connection dropped between the lookup and the push (a live runtime race): the
            // hop has reconnected, so the fragment goes through the replacement's handle.
            do {
                try hop.arrival(of: record.id, makeBuffer: makeBuffer, elements: fixElements).handle.push(fragment)
            } catch {
                context.events.warn(
                    .relay, "stream \(record.id): fragment \(fragment.index) lost at hop \(node): \(error)")
            }
        }
        record.noteArrival(at: runtime.now)
    }

    /// The pipe: forwards the fork's fragments over the next hop, in order.
    private func relay(_ record: RelayStreamRecord, atNode node: Int, reading fork: StreamHandle) async {
        var forwarded = 0
        do {
            while true {
                let next: StreamFragment?
                if fixElements.contains(.pipeInactivityTimeout) {
                    let now = runtime.now
                    record.setPhase(
                        .waiting(since: now, until: now.advanced(by: config.streamInactivityTimeout)), atNode: node)
                    next = try await fork.fragment(
                        at: forwarded, inactivityTimeout: config.streamInactivityTimeout, clock: runtime.clock)
                } else {
                    record.setPhase(.waiting(since: runtime.now), atNode: node)
                    next = try await fork.fragment(at: forwarded)
                }
                guard let fragment = next else { break }
                record.setPhase(.transmitting(since: runtime.now), atNode: node)
                try await transmit(fragment, of: record, overHop: node + 1)
                forwarded += 1
                record.noteForwarded(byNode: node, count: forwarded)
                applyArmedFaults(hop: node, forwarded: forwarded)
            }
            record.setPhase(.finished, atNode: node)
        } catch let error as RelayStreamError {
            record.setPhase(.failed(error), atNode: node)
            context.events.error(
                .relay,
                "stream \(record.id) hop \(node) relay failed after forwarding \(forwarded)/\(record.fragmentCount) fragments (\(fork.buffer.frontier) buffered): \(error)"
            )
        } catch {
            // Only `stop()` and `cancelStream(_:)` cancel a relay: no task waits here any more.
            record.setPhase(.idle, atNode: node)
        }
    }

    /// The receiver: assembles the payload and checks it against what the source sent.
    private func receive(_ record: RelayStreamRecord, reading handle: StreamHandle) async {
        let outcome: RelayStreamRecord.Outcome
        do {
            // `assemble()` had STREAM_INACTIVITY_TIMEOUT before the PR, on every step: only the
            // pipe lacked it (bug 3).
            let assembled = try await handle.assemble(
                inactivityTimeout: config.streamInactivityTimeout, clock: runtime.clock)
            let bytes = tamperWithAssembledBytes.withLock { $0 }?(assembled) ?? assembled
            if bytes == record.payload {
                outcome = .done(at: runtime.now)
            } else {
                state.withLock { $0.corrupted.append(record.id) }
                outcome = .failed("payload corrupted in transit", at: runtime.now)
            }
        } catch let error as RelayStreamError {
            outcome = .failed(failureReason(record, receiverError: error), at: runtime.now)
        } catch {
            return  // only `stop()` and `cancelStream(_:)` cancel a receiver
        }
        finish(record, outcome)
    }

    private func finish(_ record: RelayStreamRecord, _ outcome: RelayStreamRecord.Outcome) {
        guard record.finish(outcome) else { return }
        for hop in hops { hop.release(record.id) }
        let pruned = state.withLock { state -> [RuntimeTask] in
            switch outcome {
            case .done:
                state.totals.streamsDone += 1
                state.totals.bytesDelivered += record.payload.count
            case .failed:
                state.totals.streamsFailed += 1
            }
            return pruneFinished(&state)
        }
        for task in pruned { task.cancel() }
        streamFinished.notifyAll()
        switch outcome {
        case .done(let at):
            context.events.info(
                .relay,
                "stream \(record.id): \(record.payload.count) bytes delivered intact in \(record.startedAt.duration(to: at))"
            )
        case .failed(let reason, _):
            context.events.error(.relay, "stream \(record.id) failed: \(reason)")
        }
    }

    /// The first relay's failure names the break; the receiver's own error is the fallback.
    private func failureReason(_ record: RelayStreamRecord, receiverError: RelayStreamError) -> String {
        let phases = record.reading().phases
        for node in 1..<config.hopCount {
            if case .failed(let error) = phases[node] { return "hop \(node): \(error)" }
        }
        return "receiver: \(receiverError)"
    }

    /// Drops the oldest finished streams beyond `finishedStreamsKept`; returns their tasks
    /// (finished by then, cancelled anyway so none outlives its stream's record).
    private func pruneFinished(_ state: inout State) -> [RuntimeTask] {
        var finished = state.streams.filter { $0.outcome != nil }
        var pruned: [RuntimeTask] = []
        while finished.count > Self.finishedStreamsKept {
            let oldest = finished.removeFirst()
            state.streams.removeAll { $0 === oldest }
            pruned += state.tasks.removeValue(forKey: oldest.id) ?? []
        }
        return pruned
    }

    private func track(_ task: RuntimeTask, for streamID: Int) {
        state.withLock { $0.tasks[streamID, default: []].append(task) }
    }

    /// Checks, for every listed stream, each buffer's own invariants and that data only flows
    /// downstream: a relay forwards no more than it holds, and a node holds no more than its
    /// upstream forwarded. Valid when the runtime is idle (a live snapshot may catch a fragment
    /// delivered but not yet counted as forwarded).
    public func checkInvariants() {
        let records = state.withLock { $0.streams }
        for record in records {
            let reading = record.reading()
            for node in 1...config.hopCount {
                precondition(
                    reading.fragmentsPerNode[node] <= reading.forwarded[node - 1],
                    "stream \(record.id): node \(node) holds more than node \(node - 1) forwarded")
                precondition(
                    reading.forwarded[node] <= reading.fragmentsPerNode[node],
                    "stream \(record.id): node \(node) forwarded more than it holds")
            }
            precondition(reading.forwarded[0] <= record.fragmentCount, "the source sent more than the stream")
        }
        for record in records {
            record.checkBufferInvariants()
        }
    }

    // MARK: Snapshot

    public func snapshot() -> RelaySnapshot {
        let now = runtime.now
        let (records, counted) = state.withLock { ($0.streams, $0.totals) }
        var totals = counted
        var streams: [RelayStreamSnapshot] = []
        var warnings: [StallWarning] = []
        let sourceStopped = !sourceGate.isOpen
        for record in records {
            let reading = record.reading()
            let sinceLast = reading.lastFragmentAt.duration(to: now)
            let state: RelayStreamState
            switch reading.outcome {
            case .done?: state = .done
            case .failed(let reason, _)?:
                state = .failed(reason: reason)
                // The receiver gave up, but pipes with no timer still wait for the stream (bug 3):
                // the stall outlives the failure the user saw.
                if hasHungPipes(reading),
                    let warning = stallWarning(record, reading, now: now, sourceStopped: sourceStopped)
                {
                    warnings.append(warning)
                }
            case nil:
                if sinceLast >= config.stallWarningAfter {
                    state = .stalled
                    totals.streamsStalled += 1
                    if let warning = stallWarning(record, reading, now: now, sourceStopped: sourceStopped) {
                        warnings.append(warning)
                    }
                } else {
                    state = .flowing
                    totals.streamsFlowing += 1
                }
            }
            let nodes = 1...config.hopCount
            streams.append(
                RelayStreamSnapshot(
                    id: record.id, payloadBytes: record.payload.count, fragmentCount: record.fragmentCount,
                    hopsDone: nodes.filter { reading.fragmentsPerNode[$0] == record.fragmentCount }.count,
                    hopsTotal: config.hopCount,
                    bytesDeliveredPerHop: nodes.map { reading.bytesPerNode[$0] },
                    fragmentsForwardedPerHop: nodes.map { $0 < config.hopCount ? reading.forwarded[$0] : 0 },
                    sinceLastFragment: sinceLast, state: state))
        }
        let active = streams.filter { $0.state == .flowing || $0.state == .stalled }
        let finished = streams.filter { $0.state != .flowing && $0.state != .stalled }
        var slowed: [Int: Int] = [:]
        for hop in hops where hop.slowdownFactor > 1 { slowed[hop.index] = hop.slowdownFactor }
        return RelaySnapshot(
            policy: policy, hopCount: config.hopCount, streams: active + finished, totals: totals,
            sourceStopped: sourceStopped, slowedHops: slowed, warnings: warnings)
    }

    /// Relays parked with no timer armed: only a fragment that may never come ends their wait.
    private func unboundedRelays(_ reading: RelayStreamReading) -> [Int] {
        (1..<config.hopCount).filter { node in
            if case .waiting(_, nil) = reading.phases[node] { return true }
            return false
        }
    }

    private func hasHungPipes(_ reading: RelayStreamReading) -> Bool { !unboundedRelays(reading).isEmpty }

    /// Names where a stalled stream broke and what blocks it, upstream first; nil when the
    /// stream is quiet but every wait in the chain has a timer armed that will end it (a
    /// stopped source under `fixed`: the relays and the receiver fail cleanly within the
    /// inactivity timeout, which is the fix working, not a stall).
    private func stallWarning(
        _ record: RelayStreamRecord, _ reading: RelayStreamReading, now: RuntimeInstant, sourceStopped: Bool
    ) -> StallWarning? {
        func fragments(_ count: Int) -> String { "\(count) fragment\(count == 1 ? "" : "s")" }
        func warn(_ kind: StallKind, _ node: Int, _ cause: String) -> StallWarning {
            let place = node == 0 ? "the source" : "hop \(node)"
            return StallWarning(
                kind: kind, subsystem: .relay, since: reading.lastFragmentAt,
                cause: "stream \(record.id) stalled at \(place) after \(fragments(reading.forwarded[node])): \(cause)")
        }
        let relays = 1..<config.hopCount
        let unbounded = unboundedRelays(reading)
        // The receiver's assembly always has its timeout (see `receive`), so only the pipes count.
        let boundedEverywhere = unbounded.isEmpty
        for node in relays {
            if case .failed(let error) = reading.phases[node] {
                switch error {
                case .cancelled(let reason): return warn(.relayForkCancelled, node, "fork cancelled by \(reason)")
                case .inactive:
                    // The rest of the chain ends on its own timers; the receiver reports the failure.
                    if boundedEverywhere { return nil }
                    return warn(.relayHopGaveUp, node, "relay gave up: \(error)")
                }
            }
        }
        for node in relays {
            if case .waiting = reading.phases[node], reading.fragmentsPerNode[node] > reading.forwarded[node] {
                let buffered = reading.fragmentsPerNode[node] - reading.forwarded[node]
                return warn(
                    .relayLostWakeup, node,
                    "relay parked with \(fragments(buffered)) buffered: pushed through another handle, they never woke it (lost wakeup)"
                )
            }
        }
        for node in 0..<config.hopCount {
            if case .transmitting(let since) = reading.phases[node], since.duration(to: now) >= config.stallWarningAfter
            {
                return warn(
                    .relaySlowHop, node,
                    "one fragment in transmit over hop \(node + 1) for \(Int(since.duration(to: now).seconds)) s")
            }
        }
        if boundedEverywhere { return nil }
        let hung =
            unbounded.count == 1
            ? "hop \(unbounded[0]) waits" : "hops \(unbounded[0])-\(unbounded[unbounded.count - 1]) wait"
        if sourceStopped, case .waiting = reading.phases[0] {
            return warn(
                .relaySourceStopped, 0,
                "source stopped; \(hung) for the next fragment with no inactivity timeout, nothing ends the wait")
        }
        let stuck =
            (1...config.hopCount).first { reading.fragmentsPerNode[$0] < record.fragmentCount } ?? config.hopCount
        return warn(.relayStalled, stuck, "no fragment for \(Int(reading.lastFragmentAt.duration(to: now).seconds)) s")
    }
}
