import Backpressure
import Dispatch
import Engine
import Runtime

/// Searches for stalls nobody scripted: runs the base scenario under the policy with random fault
/// timelines drawn from every running subsystem's action vocabulary, checks each run's stall
/// detectors and conservation laws, and shrinks what it finds to a minimal reproduction.
///
/// Every run is a deterministic run of its own (a seed and a timeline), so a finding is its
/// record: `stallscope replay` reproduces it exactly. Runs go in parallel, one deterministic
/// runtime per thread; the same explorer seed draws the same runs, and the findings do not depend
/// on how many jobs ran them (a wall-time budget decides how many runs there are, though).
public struct Explorer: Sendable {
    public let request: ExploreRequest
    private let runner: ScenarioRunner
    private let subsystems: [SubsystemDescriptor]

    public init(request: ExploreRequest, runner: ScenarioRunner) {
        self.request = request
        self.runner = runner
        self.subsystems = SubsystemRegistry.all.filter { request.base.subsystems.contains($0.id) }
    }

    /// What one run found; a request that cannot be built at all was refused before exploring.
    public func findings(of run: ExploreRun) -> [FindingKind] {
        let runRequest = request.runRequest(run)
        guard let outcome = try? runner.explore(runRequest) else { return [] }
        let faults = FaultSpan.spans(
            of: runRequest.scenario.timeline, parameters: runRequest.scenario.parameters + request.overrides)
        return FindingKind.all(in: outcome, standing: request.standing, faults: faults)
    }

    /// The draw for run `index`.
    public func run(_ index: Int) -> ExploreRun {
        ExploreRun.draw(
            index: index, explorerSeed: request.seed, subsystems: subsystems, within: request.faultWindow,
            maxFaults: ExploreRequest.maxFaultsPerRun)
    }

    /// Explores, then shrinks one run of each kind found. `isOutOfTime` ends a wall-time budget
    /// (checked before each run; the caller reads the clock). `progress` is called after each run
    /// with the runs done and the kinds found so far, from whichever thread ran it.
    /// `searchEnded` is called once, when the runs are done and shrinking begins (the caller
    /// times the search apart: its runs per second are the explorer's throughput).
    public func explore(
        isOutOfTime: @escaping @Sendable () -> Bool = { false },
        progress: @escaping @Sendable (_ runs: Int, _ kinds: Int) -> Void = { _, _ in },
        searchEnded: () -> Void = {}
    ) -> ExploreReport {
        let limit: Int = if case .runs(let runs) = request.budget { runs } else { .max }
        struct Tally {
            var nextIndex = 0
            var done = 0
            var found: [FindingKind: (runs: Int, first: Int)] = [:]
        }
        let tally = LockedState(Tally())
        DispatchQueue.concurrentPerform(iterations: request.jobs) { _ in
            while true {
                let index: Int? = tally.withLock { tally in
                    if tally.nextIndex >= limit || isOutOfTime() { return nil }
                    defer { tally.nextIndex += 1 }
                    return tally.nextIndex
                }
                guard let index else { return }
                let kinds = Set(findings(of: run(index)))
                let (done, found) = tally.withLock { tally in
                    tally.done += 1
                    for kind in kinds {
                        let seen = tally.found[kind]
                        tally.found[kind] = ((seen?.runs ?? 0) + 1, min(seen?.first ?? index, index))
                    }
                    return (tally.done, tally.found.count)
                }
                progress(done, found)
            }
        }
        let explored = tally.withLock { $0 }
        searchEnded()
        let shrunk = explored.found.keys.sorted().map { kind in
            let (runs, first) = explored.found[kind]!
            let drawn = run(first)
            let (shrunk, shrinkRuns) = shrink(drawn, keeping: kind)
            // Run once more for what the report and `--out` keep of it: its record and what broke.
            let outcome = try? runner.explore(request.runRequest(shrunk))
            return Finding(
                kind: kind, runs: runs, firstRun: drawn, shrunk: shrunk, shrinkRuns: shrinkRuns,
                detail: outcome.flatMap { Self.detail(of: kind, in: $0) }, knownWeakness: knownWeakness(kind),
                record: outcome?.record)
        }
        return ExploreReport(
            policy: request.policy.description, base: request.base.name, explorerSeed: request.seed,
            runs: explored.done, runDuration: request.runDuration, findings: shrunk)
    }

    /// `run` shrunk to the fewest faults, earliest instants and smallest values that still find
    /// `kind`, and the runs that took.
    public func shrink(_ run: ExploreRun, keeping kind: FindingKind) -> (ExploreRun, runs: Int) {
        Shrinker(explorer: self).shrink(run, keeping: kind)
    }

    /// What the broken invariant of `kind` said in `run`, exactly; nil for a stall.
    func detail(of kind: FindingKind, in run: ExploreRun) -> String? {
        (try? runner.explore(request.runRequest(run))).flatMap { Self.detail(of: kind, in: $0) }
    }

    private static func detail(of kind: FindingKind, in outcome: RunOutcome) -> String? {
        guard case .invariant(let subsystem, let law) = kind else { return nil }
        return outcome.invariantViolations.first { $0.law == law && $0.subsystem?.rawValue == subsystem }?.description
    }

    /// Why `kind` is a weakness the running subsystem keeps on purpose, if it is one.
    func knownWeakness(_ kind: FindingKind) -> String? {
        guard case .invariant(let subsystem?, let law) = kind else { return nil }
        return subsystems.first { $0.id.rawValue == subsystem }?.knownWeaknesses.first { $0.law == law }?.why
    }

    /// The record of `run`, for `stallscope replay`.
    public func record(of run: ExploreRun) -> RecordFile? {
        try? runner.explore(request.runRequest(run)).record
    }
}
