import Engine

/// Builds the engine a run request asks for: the scenario's subsystems at the selected policy
/// steps, with the scenario's and the command line's parameters applied.
public enum EngineFactory {
    public static func make(context: EngineContext, request: RunRequest) throws(UsageError) -> Engine {
        // Subsystems are wired here as they land.
        let subsystems: [any EngineSubsystem] = []
        try validate(request.parameters, against: [])
        return Engine(context: context, subsystems: subsystems)
    }

    /// Every key must belong to a known subsystem's settable keys.
    static func validate(_ parameters: [ParameterOverride], against keys: [String]) throws(UsageError) {
        for parameter in parameters where !keys.contains(parameter.key) {
            throw UsageError("unknown parameter '\(parameter.key)': valid keys are \(keys.isEmpty ? "(none yet)" : keys.joined(separator: ", "))")
        }
    }
}
