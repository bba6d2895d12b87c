import ArgumentParser
import Scenarios

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List every scenario: name, incident, what it shows."
    )

    func run() {
        let width = ScenarioCatalog.all.map(\.name.count).max() ?? 0
        for scenario in ScenarioCatalog.all {
            let incident = scenario.incident?.rawValue ?? "all"
            let stalls = scenario.stallingSteps.isEmpty ? "" : "  [stalls: \(scenario.stallingSteps.sorted().joined(separator: ", "))]"
            print("\(scenario.name.padding(toLength: width))  \(incident.padding(toLength: 8))  \(scenario.summary)\(stalls)")
        }
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
