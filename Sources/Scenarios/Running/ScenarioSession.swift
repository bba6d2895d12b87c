import Backpressure
import DequeModule
import Engine
import Runtime

/// One run of a scenario on a deterministic runtime: where its actions, the stall detector's
/// samples and its record meet. `stallscope run`, `replay` and the dashboard all drive a scenario
/// through a session (as the runtime's `InstantSchedule`), so a dashboard session replays
/// headless to the same state.
///
/// At each instant it stops at, in this order: the timeline's actions, the detector's sample,
/// then the replayed operator actions; a live operator's key lands after all three, since the
/// driver reaches an instant before it performs a key there.
public final class ScenarioSession: InstantSchedule {
    /// How often the detectors look at the engine, in virtual time.
    public static let sampleInterval: Duration = .milliseconds(250)

    public typealias EngineBuilder = @Sendable (EngineContext, RunRequest) throws(UsageError) -> Engine

    private struct State {
        var timeline: Deque<Scenario.Step>
        var replayedOperatorActions: Deque<RecordedAction>
        /// Operator actions handed to the replay so far, done or still ahead.
        var operatorActionsGiven = 0
        var nextSample = RuntimeInstant.start.advanced(by: ScenarioSession.sampleInterval)
        var detector = StallDetector()
        var finished = false
        /// Every action applied so far (timeline and operator): the dashboard's timeline marks.
        var applied: [RecordedAction] = []
        /// When the detector first saw each of its warnings, in its order.
        var firstSeen: [Duration] = []
    }

    public let request: RunRequest
    public let runtime: DeterministicRuntime
    public let context: EngineContext
    public let engine: Engine
    public let journal: RecordJournal
    /// A replay that goes on live past its record (see `init`).
    private let goesLive: Bool
    private let state: LockedState<State>

    /// Builds the engine on a fresh runtime seeded from the request. `recordPath` streams the
    /// record to a file as it grows (the dashboard); without it the record is kept in memory.
    ///
    /// `goesLive` (with a request that replays a record): the dashboard going back in time. The
    /// record's operator actions and disk answers are handed back as a replay does, and the
    /// scenario's own timeline plays; once the record runs out (or `leaveRecord()`), the run goes
    /// on live, and its own record holds everything it did, handed back or live.
    public init(
        request: RunRequest, build: String, origin: RecordHeader.Origin, recordPath: String? = nil,
        goesLive: Bool = false, makeEngine: EngineBuilder
    ) throws(UsageError) {
        precondition(!goesLive || request.replay != nil, "only a replay goes live after its record")
        let runtime = DeterministicRuntime(seed: request.seed)
        let header = RecordHeader(
            build: build, origin: origin, scenario: request.scenario.name, policy: request.policy.description,
            seed: request.seed, duration: origin != .dashboard ? request.duration : nil, overrides: request.overrides,
            stateDirectory: request.stateDirectory)
        let journal =
            try recordPath.map { path throws(UsageError) in try RecordJournal(header: header, writingTo: path) }
            ?? RecordJournal(header: header)
        let inputs =
            request.replay.map { replay in
                goesLive
                    ? OutsideInputs.resuming(replay.inputs, recorder: { journal.record($0) })
                    : OutsideInputs.replayed(replay.inputs)
            }
            ?? OutsideInputs.measured(recorder: { journal.record($0) })
        let context = EngineContext(runtime: runtime, outsideInputs: inputs)
        self.request = request
        self.runtime = runtime
        self.context = context
        self.journal = journal
        self.engine = try makeEngine(context, request)
        let timeline =
            request.replay.flatMap { replay in
                guard !goesLive else { return nil }
                return
                    replay.actions.filter { $0.origin == .timeline }.map { Scenario.Step(at: $0.at, $0.action) }
            } ?? request.scenario.timeline
        let replayed = request.replay?.actions.filter { $0.origin == .operator } ?? []
        self.goesLive = goesLive
        self.state = LockedState(
            State(
                timeline: Deque(timeline), replayedOperatorActions: Deque(replayed),
                operatorActionsGiven: replayed.count))
    }

    public func start() {
        engine.start()
    }

    // MARK: InstantSchedule

    public var nextInstant: RuntimeInstant? {
        state.withLock { state in
            guard !state.finished else { return nil }
            let actions = [state.timeline.first?.at, state.replayedOperatorActions.first?.at].compactMap { $0 }
            return actions.map { RuntimeInstant(sinceStart: $0) }.reduce(state.nextSample, min)
        }
    }

    public func reach(_ runtime: DeterministicRuntime) {
        precondition(runtime === self.runtime, "a session is driven on its own runtime")
        let now = runtime.now.sinceStart
        while let step = state.withLock({ state -> Scenario.Step? in
            guard let first = state.timeline.first, first.at <= now else { return nil }
            return state.timeline.removeFirst()
        }) {
            engine.events.info(step.action.subsystem, "timeline: \(step.action)")
            apply(step.action, origin: .timeline)
        }
        if state.withLock({ $0.nextSample.sinceStart <= now }) {
            let warnings = engine.stallWarnings()
            state.withLock { state in
                state.detector.observe(warnings)
                let seen = state.detector.warnings.count
                state.firstSeen += Array(repeating: now, count: seen - state.firstSeen.count)
                state.nextSample = state.nextSample.advanced(by: Self.sampleInterval)
            }
        }
        while let replayed = state.withLock({ state -> RecordedAction? in
            guard let first = state.replayedOperatorActions.first, first.at <= now else { return nil }
            return state.replayedOperatorActions.removeFirst()
        }) {
            apply(replayed.action, origin: .operator)
        }
    }

    // MARK: Operating

    /// An operator's action, now. Call it on the thread driving the runtime (`PacedDriver.perform`).
    public func apply(_ action: EngineAction) {
        apply(action, origin: .operator)
    }

    private func apply(_ action: EngineAction, origin: ActionOrigin) {
        let recorded = RecordedAction(at: runtime.now.sinceStart, origin: origin, action: action)
        journal.record(recorded)
        state.withLock { $0.applied.append(recorded) }
        engine.apply(action)
        runtime.runUntilIdle()
    }

    /// Drops the operator actions and disk answers the replayed record still had ahead: the
    /// operator made a new branch here, and from now on the run is live. Call it on the thread
    /// driving the runtime.
    public func leaveRecord() {
        state.withLock { $0.replayedOperatorActions.removeAll() }
        if context.outsideInputs.isReplay { context.outsideInputs.dropPending() }
    }

    /// Hands the replay what `record` has beyond the copy of it the session was built from:
    /// the operator's later actions and the disk's later answers. A run re-executed from an
    /// earlier copy of a record (the dashboard keeps one halfway, to go back from) so becomes
    /// the run of the record as it is now, as long as it has not passed the copy's last
    /// instant. Call it on the thread driving the runtime, before the run leaves its record.
    public func extendReplay(with record: RecordFile) {
        precondition(goesLive, "only a run that goes on live past its record catches up with it")
        let operatorActions = record.actions.filter { $0.origin == .operator }
        state.withLock { state in
            precondition(
                operatorActions.count >= state.operatorActionsGiven,
                "a record only grows: \(operatorActions.count) operator actions, \(state.operatorActionsGiven) given")
            state.replayedOperatorActions.append(contentsOf: operatorActions.dropFirst(state.operatorActionsGiven))
            state.operatorActionsGiven = operatorActions.count
        }
        context.outsideInputs.extendReplay(with: record.inputs)
    }

    /// Every action applied so far, in order.
    public var appliedActions: [RecordedAction] { state.withLock { $0.applied } }

    /// Every stall the detector has seen so far (with the instant each began), and the sample
    /// instant it was first seen at: where the dashboard shows it.
    public var stallsSeen: [(warning: StallWarning, seenAt: Duration)] {
        state.withLock { state in Array(zip(state.detector.warnings, state.firstSeen)) }
    }

    /// The digest a trailer written now would carry (see `digest(of:resources:)`), without
    /// finishing the run: what going back and forward again must arrive at. Call it with the
    /// runtime idle, on the thread driving it.
    public func stateDigest() -> String {
        let warnings = engine.stallWarnings()
        var detector = state.withLock { $0.detector }
        detector.observe(warnings)
        return Self.digest(of: report(detector), resources: engine.resources())
    }

    private func report(_ detector: StallDetector) -> RunReport {
        RunReport(
            scenario: request.scenario.name, policy: request.policy.description, seed: request.seed,
            virtualSeconds: runtime.now.sinceStart.seconds,
            wallSeconds: 0,  // the caller measures wall time: a session never reads it
            verdict: detector.verdict, warnings: detector.warnings.map(WarningRecord.init), metrics: engine.metrics())
    }

    /// The verdict of the samples so far.
    public var verdict: Verdict { state.withLock { $0.detector.verdict } }

    /// Takes the last sample, writes the trailer and returns the report. Call it once, with the
    /// runtime idle at the run's last instant, before the engine is stopped.
    ///
    /// A broken invariant (a leaked permit, an overfull channel) traps, whatever the verdict,
    /// unless `keepingViolations`: the explorer reports it as a finding instead.
    public func finish(keepingViolations: Bool = false) -> RunOutcome {
        let warnings = engine.stallWarnings()
        let detector = state.withLock { state in
            precondition(!state.finished, "a session finishes once")
            state.finished = true
            state.detector.observe(warnings)
            return state.detector
        }
        let report = report(detector)
        let resources = engine.resources()
        // TigerStyle: a leaked permit or an overfull channel is a bug in the primitives or the
        // engine, whatever the verdict; no run may end on one.
        let violations = resources.compactMap { resource in
            resource.invariantViolation.map { detail in
                let law: InvariantLaw =
                    if case .semaphore = resource { .permitsConserved } else { .channelWithinCapacity }
                return InvariantViolation(law, by: nil, detail)
            }
        }
        if let violation = violations.first, !keepingViolations {
            preconditionFailure("invariant broken: \(violation)")
        }
        journal.finish(
            RecordTrailer(
                verdict: detector.verdict, virtualTime: RecordInstant(runtime.now.sinceStart),
                finalStateDigest: Self.digest(of: report, resources: resources)))
        return RunOutcome(
            report: report, record: journal.file, inputDivergence: context.outsideInputs.divergence,
            standingWarnings: warnings.map(WarningRecord.init), invariantViolations: violations)
    }

    /// FNV-1a of the report without its wall time and of every field of every instrumented
    /// primitive's final snapshot (permits and their holders, channel fill, gates, dirty
    /// signals): the state a replay must arrive at exactly.
    static func digest(of report: RunReport, resources: [ResourceSnapshot]) -> String {
        var stable = report
        stable.wallSeconds = 0
        var hasher = FNV1a()
        hasher.add(stable.json().utf8)
        hasher.add(littleEndian: UInt64(resources.count))
        for resource in resources { resource.digest(into: &hasher) }
        return String(hasher.value, radix: 16)
    }
}
