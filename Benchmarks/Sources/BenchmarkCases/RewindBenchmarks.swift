import Dashboard
import DashboardHost
import Runtime
import Scenarios

/// Going back in a long live session (issue 20): a 10-minute `steady` session on the dashboard's
/// host, then `travel` back to an instant, which re-executes the run headless from its seed and
/// recorded actions up to there. One operation is one going back, from the live edge.
public enum RewindBenchmarks {
    /// How long the session has run when the operator goes back, in virtual time.
    public static let session: Duration = .seconds(600)
    /// "Just before the end": how far behind the live edge the worst case goes back to.
    public static let beforeTheEnd: Duration = .seconds(1)

    @Sendable static func backToTheMiddle(ops: Int) async -> Duration {
        backInSteady(to: session / 2, ops: ops)
    }

    @Sendable static func backToJustBeforeTheEnd(ops: Int) async -> Duration {
        backInSteady(to: session - beforeTheEnd, ops: ops)
    }

    /// Just before the spare (which stands at the middle): the whole first half re-executed
    /// from the seed, the worst case once the spare is ready.
    @Sendable static func backToJustBeforeTheMiddle(ops: Int) async -> Duration {
        backInSteady(to: session / 2 - beforeTheEnd, ops: ops)
    }

    /// `ops` times: forward to the session's end (off the clock: the first time the session is
    /// run live, headless; then along the recorded run) and the spare readied at its middle, as
    /// the dashboard keeps it in the background (`SpareRun`), then back to `target` (timed).
    /// Synchronous, for `stallscope-profile` under valgrind.
    public static func backInSteady(to target: Duration, ops: Int, session: Duration = session) -> Duration {
        let scenario = try! ScenarioCatalog.named("steady")
        let host = RuntimeHost(
            settings: .init(
                scenario: scenario.name, policy: .fixed, seed: 7, speed: 1, frameInterval: .milliseconds(100),
                startsPaused: true)
        ) { policy, _ in
            try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: [])
        }
        defer { host.shutdown() }
        host.runAhead(to: session)
        var elapsed = Duration.zero
        for op in 0..<ops {
            if op > 0 { _ = host.travel(to: session) }
            // Off the clock, as a session that has run a while has it: the spare, halfway.
            host.readySpare()
            let start = ContinuousClock.now
            let status = host.travel(to: target)
            elapsed += start.duration(to: .now)
            precondition(status.hasPrefix("back to") && host.frame().virtualTime == target, "went back: \(status)")
        }
        return elapsed
    }
}
