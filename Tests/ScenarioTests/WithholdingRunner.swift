import Engine
import Scenarios

/// Builds a scenario runner whose engine is one subsystem at `fixed` with fix elements withheld:
/// the tests that show every element of a fix is needed by some scenario. The scenario's
/// parameters are applied to the subsystem's config, as `EngineFactory` does.
enum WithholdingRunner {
    static func make(
        _ subsystem: @escaping @Sendable (EngineContext, RunRequest) -> any EngineSubsystem
    )
        -> ScenarioRunner
    {
        ScenarioRunner(build: "test") { context, request in
            Engine(context: context, subsystems: [subsystem(context, request)])
        }
    }

    /// `base` with the request's `prefix.key=value` parameters of its subsystem applied.
    static func config<Config: ParameterSet>(_ base: Config, _ request: RunRequest) -> Config {
        var config = base
        let prefix = Config.parameters.subsystem + "."
        for parameter in request.parameters where parameter.key.hasPrefix(prefix) {
            do {
                try config.set(String(parameter.key.dropFirst(prefix.count)), parameter.value)
            } catch {
                preconditionFailure("scenario parameter \(parameter.key): \(error)")
            }
        }
        return config
    }

    /// The scenarios of `incident` that stall on every one of `seeds`.
    static func stalled(
        _ runner: ScenarioRunner, _ incident: SubsystemID, seeds: [UInt64] = [1, 2, 7]
    ) throws
        -> [String]
    {
        try ScenarioCatalog.all.filter { $0.incident == incident }.filter { scenario in
            try seeds.allSatisfy { seed in
                try runner.run(RunRequest(scenario: scenario, seed: seed)).report.verdict == .stall
            }
        }.map(\.name)
    }

    /// The scenarios of `incident` that stall on at least one of `seeds`.
    static func stalledOnAnySeed(
        _ runner: ScenarioRunner, _ incident: SubsystemID, seeds: [UInt64] = [1, 2, 7]
    )
        throws -> [String]
    {
        try ScenarioCatalog.all.filter { $0.incident == incident }.filter { scenario in
            try seeds.contains { seed in
                try runner.run(RunRequest(scenario: scenario, seed: seed)).report.verdict == .stall
            }
        }.map(\.name)
    }
}
