import Engine

/// Builds the engine a run request asks for: the scenario's subsystems at the selected policy
/// steps, with the scenario's and the command line's parameters applied.
public enum EngineFactory {
    public static func make(context: EngineContext, request: RunRequest) throws(UsageError) -> Engine {
        // Subsystems are wired here as they land.
        var subsystems: [any EngineSubsystem] = []
        try validate(request.parameters, against: ListenerConfig.settableKeys.map { "listener.\($0)" })
        if request.scenario.subsystems.contains(.listener) {
            subsystems.append(try makeListener(context: context, request: request))
        }
        return Engine(context: context, subsystems: subsystems)
    }

    static func makeListener(context: EngineContext, request: RunRequest) throws(UsageError) -> ListenerSubsystem {
        var config = ListenerConfig.default
        for parameter in request.parameters where parameter.key.hasPrefix("listener.") {
            do {
                try config.set(String(parameter.key.dropFirst("listener.".count)), parameter.value)
            } catch {
                throw UsageError("\(error)")
            }
        }
        let step = request.policy.step(.listener)
        guard let policy = ListenerPolicy(rawValue: step) else {
            throw UsageError("unknown step '\(step)' for listener: valid steps are \(ListenerPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return ListenerSubsystem(context: context, policy: policy, config: config)
    }

    /// Every key must belong to a known subsystem's settable keys.
    static func validate(_ parameters: [ParameterOverride], against keys: [String]) throws(UsageError) {
        for parameter in parameters where !keys.contains(parameter.key) {
            throw UsageError("unknown parameter '\(parameter.key)': valid keys are \(keys.isEmpty ? "(none yet)" : keys.joined(separator: ", "))")
        }
    }
}
