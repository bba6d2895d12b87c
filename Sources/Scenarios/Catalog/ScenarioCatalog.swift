import Engine

/// Every scenario stallscope knows: `steady` (the dashboard's default) and, from each
/// subsystem's descriptor, one per incident behaviour that matters. Each says which steps of its
/// incident's ladder stall; the test suite checks both directions on several seeds.
public enum ScenarioCatalog {
    public static let all: [Scenario] =
        [
            Scenario(
                name: "steady", incident: nil,
                summary: "every subsystem under ordinary load, no faults",
                defaultDuration: .seconds(120), subsystems: SubsystemID.allCases)
        ] + SubsystemRegistry.all.flatMap(\.scenarios)

    public static func named(_ name: String) throws(UsageError) -> Scenario {
        guard let scenario = all.first(where: { $0.name == name }) else {
            throw UsageError(
                "unknown scenario '\(name)': valid scenarios are \(all.map(\.name).joined(separator: ", "))")
        }
        return scenario
    }
}
