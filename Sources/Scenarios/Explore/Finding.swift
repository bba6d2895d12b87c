import Engine

/// What an explored run found: a stall the detectors reported, or a conservation law broken at
/// the end. Two runs find the same thing when their kinds are equal; shrinking keeps the kind.
public enum FindingKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    case stall(subsystem: String, kind: StallKind)
    case invariant(subsystem: String?, law: InvariantLaw)

    public var description: String {
        switch self {
        case .stall(let subsystem, let kind): "\(subsystem)/\(kind)"
        case .invariant(let subsystem?, let law): "invariant: \(subsystem)/\(law)"
        case .invariant(nil, let law): "invariant: \(law)"
        }
    }

    public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool { lhs.description < rhs.description }

    /// Everything a finished run found: each stall still standing at the end that has stood for
    /// at least `standing` (a wait that does not end) and is not explained by one of `faults`
    /// lasting until less than `standing` before the end, and each conservation law broken.
    ///
    /// Why not every warning the run saw: a fault's own size makes waits that end when it does
    /// (a flood fills the accept queue while it lasts, a disk that takes a second per fsync lags
    /// the trust store by about that). Those are the detectors doing their job, not a design that
    /// stalls; a design that stalls never recovers, so its warning still stands at the end, long
    /// after what caused it is gone.
    static func all(in outcome: RunOutcome, standing: Duration, faults: [FaultSpan]) -> [FindingKind] {
        let end = Duration.seconds(outcome.report.virtualSeconds)
        let stalls = outcome.standingWarnings.filter { warning in
            end - .seconds(warning.at) >= standing
                && !faults.contains { $0.explains(warning, runEnd: end, standing: standing) }
        }
        return stalls.map { .stall(subsystem: $0.subsystem, kind: $0.kind) }
            + outcome.invariantViolations.map { .invariant(subsystem: $0.subsystem?.rawValue, law: $0.law) }
    }
}

/// One kind of finding, as the report gives it: how many runs found it, the first, and its
/// smallest reproduction.
public struct Finding: Sendable {
    public let kind: FindingKind
    /// Runs that found it.
    public let runs: Int
    /// The first run (by index) that found it, as drawn.
    public let firstRun: ExploreRun
    /// That run shrunk: the fewest actions, earliest instants and smallest values that still find it.
    public let shrunk: ExploreRun
    /// Runs the shrinking took.
    public let shrinkRuns: Int
    /// What the shrunk run's broken invariant said exactly (counts, names); nil for a stall.
    public let detail: String?
    /// Why, when it is a weakness the fixed design keeps on purpose (`KnownWeakness`): reported,
    /// but no reason to fail.
    public let knownWeakness: String?
    /// The shrunk run's record, for `stallscope replay`.
    public let record: RecordFile?
    /// Where its record was written, if an output directory was given.
    public var recordPath: String?
}
