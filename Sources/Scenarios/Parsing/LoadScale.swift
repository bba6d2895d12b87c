import Engine

/// `--scale N`: every load parameter (`Parameter.isLoad`, declared in each subsystem's config
/// schema) of the scenario's subsystems multiplied by N, as generated `--set` overrides. They go
/// before the command line's own `--set`s, which therefore win, and into the record's header
/// like any override, so a scaled run replays.
public enum LoadScale {
    /// 100x is what every load parameter's range allows (`ParameterRange`'s promise).
    public static let factors = 1...100

    /// The overrides for `factor`, in registry and schema order: each load parameter at the
    /// value the scenario gives it (or its default) times `factor`. None at 1.
    public static func overrides(_ factor: Int, for scenario: Scenario) throws(UsageError) -> [ParameterOverride] {
        guard factors.contains(factor) else {
            throw UsageError(
                "--scale must be a whole number within \(factors.lowerBound)...\(factors.upperBound), not \(factor)")
        }
        guard factor > 1 else { return [] }
        var overrides: [ParameterOverride] = []
        for descriptor in SubsystemRegistry.all where scenario.subsystems.contains(descriptor.id) {
            for parameter in descriptor.parameters where parameter.isLoad {
                let key = "\(descriptor.id.rawValue).\(parameter.key)"
                let base = scenario.parameters.last { $0.key == key }?.value ?? parameter.defaultValue
                guard let value = parameter.scaled(base, by: factor) else { continue }
                overrides.append(ParameterOverride(key: key, value: value))
            }
        }
        return overrides
    }
}
