import Engine

/// Builds the engine a run request asks for: the scenario's subsystems at the selected policy
/// steps, with the scenario's and the command line's parameters applied.
public enum EngineFactory {
    public static func make(context: EngineContext, request: RunRequest) throws(UsageError) -> Engine {
        // Subsystems are wired here as they land.
        let keys = AcceptConfig.settableKeys.map { "\(SubsystemID.accept.rawValue).\($0)" }
        try validate(request.parameters, against: keys)
        var subsystems: [any EngineSubsystem] = []
        if request.scenario.subsystems.contains(.accept) {
            subsystems.append(try makeAccept(context: context, request: request))
        }
        return Engine(context: context, subsystems: subsystems)
    }

    static func makeAccept(context: EngineContext, request: RunRequest) throws(UsageError) -> AcceptSubsystem {
        guard let policy = AcceptPolicy(rawValue: request.policy.step(.accept)) else {
            throw UsageError("unknown accept step '\(request.policy.step(.accept))'")
        }
        var config = AcceptConfig.default
        for parameter in request.parameters(for: .accept) {
            do {
                try config.set(parameter.key, parameter.value)
            } catch {
                throw UsageError(error.description)
            }
        }
        return AcceptSubsystem(context: context, policy: policy, config: config)
    }

    /// Every key must belong to a known subsystem's settable keys.
    static func validate(_ parameters: [ParameterOverride], against keys: [String]) throws(UsageError) {
        for parameter in parameters where !keys.contains(parameter.key) {
            throw UsageError("unknown parameter '\(parameter.key)': valid keys are \(keys.isEmpty ? "(none yet)" : keys.joined(separator: ", "))")
        }
    }
}

extension RunRequest {
    /// This subsystem's parameters, scenario first then command line, without the prefix.
    func parameters(for subsystem: SubsystemID) -> [ParameterOverride] {
        let prefix = "\(subsystem.rawValue)."
        return parameters.filter { $0.key.hasPrefix(prefix) }.map {
            ParameterOverride(key: String($0.key.dropFirst(prefix.count)), value: $0.value)
        }
    }
}
