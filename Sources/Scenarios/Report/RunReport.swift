import Engine
import Foundation

/// The outcome of `stallscope run`: what DESIGN.md promises as the JSON contract.
///
/// Same seed, same policy, same build: byte-identical JSON except `wallSeconds`. Keys are sorted
/// and metrics are a sorted map of numbers, so nothing depends on hash order.
public struct RunReport: Sendable, Equatable, Codable {
    public let scenario: String
    public let policy: String
    public let seed: UInt64
    public let virtualSeconds: Double
    public var wallSeconds: Double
    public let verdict: Verdict
    public let warnings: [WarningRecord]
    public let metrics: [String: Double]

    public init(
        scenario: String, policy: String, seed: UInt64, virtualSeconds: Double, wallSeconds: Double,
        verdict: Verdict, warnings: [WarningRecord], metrics: [String: Double]
    ) {
        self.scenario = scenario
        self.policy = policy
        self.seed = seed
        self.virtualSeconds = virtualSeconds
        self.wallSeconds = wallSeconds
        self.verdict = verdict
        self.warnings = warnings
        self.metrics = metrics
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The report for people: a verdict line, then one line per warning and the metrics.
    public func text() -> String {
        var lines = [
            "\(scenario): \(verdict.rawValue.uppercased())  policy \(policy)  seed \(seed)  "
                + "\(Self.seconds(virtualSeconds)) virtual in \(Self.seconds(wallSeconds)) wall"
        ]
        if warnings.isEmpty { lines.append("  no warnings") }
        for warning in warnings {
            lines.append("  WARN \(warning.subsystem) at \(Self.seconds(warning.at)): \(warning.cause)")
        }
        for (key, value) in metrics.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "  \(key) = \(value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value))"
            )
        }
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.1fs", value) }
}
