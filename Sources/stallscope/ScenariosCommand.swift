import ArgumentParser
import Engine
import Scenarios

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List every scenario: name, incident, what it shows."
    )

    @Flag(
        help:
            "Instead: one line per scenario and step of its incident's ladder, NAME POLICY, with POLICY as `run --policy` takes it (steady: fixed). For scripts such as the benchmark."
    )
    var policies = false

    @Flag(help: "Instead: one line per `--set` key, `subsystem.key  default  range  doc`.")
    var keys = false

    @Flag(
        help:
            "Instead: one line per load parameter, the keys `--scale` multiplies, `subsystem.key default`. For scripts such as the benchmark."
    )
    var load = false

    func run() {
        if load {
            for descriptor in SubsystemRegistry.all {
                for parameter in descriptor.parameters where parameter.isLoad {
                    print("\(descriptor.id).\(parameter.key) \(parameter.defaultValue)")
                }
            }
            return
        }
        if keys {
            let rows = SubsystemRegistry.all.flatMap(Self.keyRows)
            let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print((0..<3).map { row[$0].padding(toLength: widths[$0]) }.joined(separator: "  ") + "  " + row[3])
            }
            return
        }
        if policies {
            for scenario in ScenarioCatalog.all {
                guard let incident = scenario.incident else {
                    print("\(scenario.name) \(PolicyLadders.fixedStep)")
                    continue
                }
                for step in PolicyLadders.steps(incident) { print("\(scenario.name) \(incident.rawValue)=\(step)") }
            }
            return
        }
        let width = ScenarioCatalog.all.map(\.name.count).max() ?? 0
        for scenario in ScenarioCatalog.all {
            let incident = scenario.incident?.rawValue ?? "all"
            let stalls =
                scenario.stallingSteps.isEmpty
                ? "" : "  [stalls: \(scenario.stallingSteps.sorted().joined(separator: ", "))]"
            print(
                "\(scenario.name.padding(toLength: width))  \(incident.padding(toLength: 8))  \(scenario.summary)\(stalls)"
            )
        }
    }
}

extension ScenariosCommand {
    /// key, default, range (with the unit of a count or rate), doc.
    static func keyRows(_ descriptor: SubsystemDescriptor) -> [[String]] {
        descriptor.parameters.map { parameter in
            let unit = parameter.kind == .duration ? "" : " \(parameter.unit)"
            return [
                "\(descriptor.id).\(parameter.key)", parameter.defaultValue, parameter.range.description + unit,
                parameter.doc,
            ]
        }
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
