import Engine
import Foundation
import Scenarios
import Testing

/// README's scenario table is the catalog's: one row per scenario in catalog order, its
/// "stalls under" column the scenario's stalling steps in ladder order. A scenario added or a
/// verdict changed without the table following fails here, with the row to write.
@Suite struct ReadmeScenarioTableTests {
    static var readme: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        }
    }

    /// The row the catalog gives for `scenario`.
    static func row(_ scenario: Scenario) -> String {
        guard let incident = scenario.incident else {
            return "| `\(scenario.name)` | all | (none: every subsystem under ordinary load) |"
        }
        let steps = PolicyLadders.steps(incident).filter { scenario.stallingSteps.contains($0) }
        return "| `\(scenario.name)` | \(incident.rawValue) | \(steps.joined(separator: ", ")) |"
    }

    @Test func theTableIsTheCatalogs() throws {
        let lines = try Self.readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex(of: "| scenario | incident | stalls under |"))
        let rows = Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
        #expect(rows == ScenarioCatalog.all.map(Self.row))
    }
}
