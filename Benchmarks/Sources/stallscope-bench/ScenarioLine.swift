import Foundation

/// One headless scenario run's speed, as `stallscope-bench scenario` prints it and
/// `scenario-report` reads it back:
/// `scenario=NAME policy=STEP virtual_s=V wall_s=W speedup=Sx maxrss_mb=M verdict=VERDICT`.
struct ScenarioLine {
    let scenario: String
    /// The step of the scenario's incident ladder (`fixed` for steady).
    let policy: String
    let virtualSeconds: Double
    let wallSeconds: Double
    let maxResidentMegabytes: Double
    let verdict: String

    /// Virtual seconds simulated per wall second.
    var speedup: Double { wallSeconds > 0 ? virtualSeconds / wallSeconds : .infinity }

    var formatted: String {
        "scenario=\(scenario) policy=\(policy) virtual_s=\(Self.format(virtualSeconds, 3)) "
            + "wall_s=\(Self.format(wallSeconds, 3)) speedup=\(Self.format(speedup, 1))x "
            + "maxrss_mb=\(Self.format(maxResidentMegabytes, 1)) verdict=\(verdict)"
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

extension ScenarioLine {
    init?(parsing line: String) {
        var fields: [Substring: Substring] = [:]
        for word in line.split(separator: " ") {
            guard let equals = word.firstIndex(of: "=") else { continue }
            fields[word[..<equals]] = word[word.index(after: equals)...]
        }
        guard let scenario = fields["scenario"], let policy = fields["policy"],
            let virtual = fields["virtual_s"].flatMap({ Double($0) }),
            let wall = fields["wall_s"].flatMap({ Double($0) }),
            let rss = fields["maxrss_mb"].flatMap({ Double($0) })
        else { return nil }
        self.init(
            scenario: String(scenario), policy: String(policy), virtualSeconds: virtual, wallSeconds: wall,
            maxResidentMegabytes: rss, verdict: String(fields["verdict"] ?? "-"))
    }
}
