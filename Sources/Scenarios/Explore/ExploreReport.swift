import Engine
import Foundation

/// What `stallscope explore` prints: the findings grouped by kind with counts, each one's smallest
/// reproduction and its record, and the runs per second achieved.
public struct ExploreReport: Sendable {
    public let policy: String
    public let base: String
    public let explorerSeed: UInt64
    public let runs: Int
    public let runDuration: Duration
    public var findings: [Finding]
    /// Wall time of the whole exploration, shrinking included, and of its runs alone (the
    /// search); the caller measures both.
    public var wallTime: Duration = .zero
    public var searchTime: Duration = .zero

    /// The search's throughput: runs per second of wall time, shrinking not counted.
    public var runsPerSecond: Double { searchTime > .zero ? Double(runs) / searchTime.seconds : 0 }

    public func text() -> String {
        var lines = [
            "explore \(base) under \(policy), explorer seed \(explorerSeed): \(runs) runs of "
                + "\(Int(runDuration.seconds))s virtual in \(String(format: "%.1f", wallTime.seconds))s wall "
                + "(\(String(format: "%.1f", runsPerSecond)) runs/s; shrinking \(String(format: "%.1f", (wallTime - searchTime).seconds))s), "
                + (findings.isEmpty ? "nothing found" : "\(findings.count) kind\(findings.count == 1 ? "" : "s") found")
                + (findings.contains { $0.knownWeakness != nil }
                    ? " (\(findings.filter { $0.knownWeakness != nil }.count) known)" : "")
        ]
        for finding in findings {
            lines.append(
                "  \(finding.knownWeakness == nil ? "FOUND" : "KNOWN") \(finding.kind) in \(finding.runs) run\(finding.runs == 1 ? "" : "s") "
                    + "(first: run \(finding.firstRun.index), \(finding.firstRun.faults.count) faults; "
                    + "shrunk to \(finding.shrunk.faults.count) in \(finding.shrinkRuns) runs)")
            if let detail = finding.detail { lines.append("    \(detail)") }
            if let why = finding.knownWeakness { lines.append("    known weakness: \(why)") }
            lines.append("    seed \(finding.shrunk.seed)")
            for step in finding.shrunk.faults {
                lines.append("    at \(Self.instant(step.at)): \(step.action)")
            }
            if let path = finding.recordPath { lines.append("    record: \(path)  (stallscope replay \(path))") }
        }
        return lines.joined(separator: "\n")
    }

    public func json() -> String {
        struct Fault: Encodable {
            let at: Double
            let action: String
        }
        struct Found: Encodable {
            let kind: String
            let runs: Int
            let firstRun: Int
            let seed: UInt64
            let faults: [Fault]
            let shrinkRuns: Int
            let record: String?
            let detail: String?
            let knownWeakness: String?
        }
        struct Whole: Encodable {
            let policy: String
            let base: String
            let explorerSeed: UInt64
            let runs: Int
            let runVirtualSeconds: Double
            let wallSeconds: Double
            let searchWallSeconds: Double
            let runsPerSecond: Double
            let findings: [Found]
        }
        let whole = Whole(
            policy: policy, base: base, explorerSeed: explorerSeed, runs: runs, runVirtualSeconds: runDuration.seconds,
            wallSeconds: wallTime.seconds, searchWallSeconds: searchTime.seconds, runsPerSecond: runsPerSecond,
            findings: findings.map { finding in
                Found(
                    kind: finding.kind.description, runs: finding.runs, firstRun: finding.firstRun.index,
                    seed: finding.shrunk.seed,
                    faults: finding.shrunk.faults.map { Fault(at: $0.at.seconds, action: $0.action.description) },
                    shrinkRuns: finding.shrinkRuns, record: finding.recordPath, detail: finding.detail,
                    knownWeakness: finding.knownWeakness)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(whole), as: UTF8.self)
    }

    /// Whether anything was found that is not a known weakness: `explore`'s exit status 1.
    public var hasNewFindings: Bool { findings.contains { $0.knownWeakness == nil } }

    private static func instant(_ at: Duration) -> String { String(format: "%.3fs", at.seconds) }
}
