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

    /// Runs `request` to its end. A broken invariant traps, unless `keepingViolations` (the
    /// explorer), which returns it in the outcome.
    public func run(_ request: RunRequest, keepingViolations: Bool = false) throws(UsageError) -> RunOutcome {
        let session = try ScenarioSession(request: request, build: build, origin: .run, makeEngine: makeEngine)
        session.start()
        session.runtime.run(until: RuntimeInstant(sinceStart: request.duration), schedule: session)
        return session.finish(keepingViolations: keepingViolations)
    }
}
