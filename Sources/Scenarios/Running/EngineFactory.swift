import Engine

/// Builds the engine a run request asks for: the scenario's subsystems at the selected policy
/// steps, with the scenario's and the command line's parameters applied (`subsystem.key=value`).
public enum EngineFactory {
    public static func make(context: EngineContext, request: RunRequest) throws(UsageError) -> Engine {
        try validate(request.parameters)
        var subsystems: [any EngineSubsystem] = []
        for id in request.scenario.subsystems {
            subsystems.append(
                try SubsystemRegistry.descriptor(id).make(
                    context: context, step: request.policy.step(id), parameters: request.parameters,
                    environment: request.environment))
        }
        return Engine(context: context, subsystems: subsystems)
    }

    /// The parameter keys every subsystem accepts, prefixed with the subsystem.
    public static var settableKeys: [String] {
        SubsystemRegistry.all.flatMap { descriptor in
            descriptor.parameters.map { "\(descriptor.id.rawValue).\($0.key)" }
        }
    }

    /// Every key must belong to a subsystem's settable keys.
    static func validate(_ parameters: [ParameterOverride]) throws(UsageError) {
        let known = settableKeys
        for parameter in parameters where !known.contains(parameter.key) {
            throw UsageError("unknown parameter '\(parameter.key)': valid keys are \(known.joined(separator: ", "))")
        }
    }
}
