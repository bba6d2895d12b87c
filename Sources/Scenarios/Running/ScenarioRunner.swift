import Backpressure
import Engine
import Runtime

/// Runs a scenario headless on a deterministic runtime, as fast as the machine allows, through
/// the same `ScenarioSession` the dashboard uses: the same request always produces the same
/// report and record.
public struct ScenarioRunner: Sendable {
    private let build: String
    private let makeEngine: ScenarioSession.EngineBuilder

    public init(build: String, makeEngine: @escaping ScenarioSession.EngineBuilder) {
        self.build = build
        self.makeEngine = makeEngine
    }

    /// The longest a stop may take, in virtual time, before the explorer calls it hung: well
    /// above what any step's design takes to stop (cold storage's grace, a final trust save on
    /// the slowest disk a fault makes, a minute per fsync).
    public static let stopLimit: Duration = .seconds(300)

    /// Runs `request` to its end. A broken invariant traps, unless `keepingViolations` (the
    /// explorer), which returns it in the outcome. A record the explorer wrote is stopped and
    /// checked as the explorer did (`explore`).
    public func run(_ request: RunRequest, keepingViolations: Bool = false) throws(UsageError) -> RunOutcome {
        let explored = request.replay?.header.origin == .explore
        return try execute(request, origin: explored ? .explore : .run, keepingViolations: keepingViolations)
    }

    /// Runs `request` as the explorer does: to its end, then stops the engine and checks what
    /// each subsystem promised of a stop (`EngineSubsystem.violationsAfterStop`) and that the
    /// stop ended within `stopLimit`. Broken invariants come back in the outcome; the record
    /// (origin `explore`) replays the same way.
    public func explore(_ request: RunRequest) throws(UsageError) -> RunOutcome {
        try execute(request, origin: .explore, keepingViolations: true)
    }

    private func execute(
        _ request: RunRequest, origin: RecordHeader.Origin, keepingViolations: Bool
    ) throws(UsageError) -> RunOutcome {
        let session = try ScenarioSession(request: request, build: build, origin: origin, makeEngine: makeEngine)
        session.start()
        session.runtime.run(until: RuntimeInstant(sinceStart: request.duration), schedule: session)
        let explored = origin == .explore
        var outcome = session.finish(keepingViolations: keepingViolations || explored)
        if explored { outcome.invariantViolations += Self.stopViolations(session) }
        return outcome
    }

    /// Stops the finished session's engine and returns the promises it broke.
    private static func stopViolations(_ session: ScenarioSession) -> [InvariantViolation] {
        let stopped = LockedState(false)
        let engine = session.engine
        session.runtime.spawn("explore.stop") {
            await engine.stop()
            stopped.withLock { $0 = true }
        }
        guard session.runtime.run(until: { stopped.withLock { $0 } }, limit: stopLimit) else {
            return [
                InvariantViolation(.stopFinishes, by: nil, "stop did not finish within \(stopLimit) of virtual time")
            ]
        }
        return engine.violationsAfterStop()
    }
}
