import Engine

/// Builds the engine a run request asks for: the scenario's subsystems at the selected policy
/// steps, with the scenario's and the command line's parameters applied (`subsystem.key=value`).
public enum EngineFactory {
    public static func make(context: EngineContext, request: RunRequest) throws(UsageError) -> Engine {
        try validate(request.parameters)
        var subsystems: [any EngineSubsystem] = []
        for id in request.scenario.subsystems {
            subsystems.append(try make(id, context: context, request: request))
        }
        return Engine(context: context, subsystems: subsystems)
    }

    static func make(_ id: SubsystemID, context: EngineContext, request: RunRequest) throws(UsageError) -> any EngineSubsystem {
        switch id {
        case .relay:
            RelaySubsystem(
                context: context, policy: try policy(RelayPolicy.self, id, request),
                config: try configured(RelayConfig.default, id, request))
        case .listener:
            ListenerSubsystem(
                context: context, policy: try policy(ListenerPolicy.self, id, request),
                config: try configured(ListenerConfig.default, id, request))
        case .accept:
            AcceptSubsystem(
                context: context, policy: try policy(AcceptPolicy.self, id, request),
                config: try configured(AcceptConfig.default, id, request))
        case .cold:
            ColdSubsystem(
                context: context, policy: try policy(ColdPolicy.self, id, request),
                config: try configured(ColdConfig.default, id, request))
        case .trust:
            if let directory = request.trustDirectory {
                TrustSubsystem.withRealFiles(
                    context: context, policy: try policy(TrustPolicy.self, id, request),
                    config: try configured(TrustConfig.default, id, request), directory: directory)
            } else {
                TrustSubsystem(
                    context: context, policy: try policy(TrustPolicy.self, id, request),
                    config: try configured(TrustConfig.default, id, request))
            }
        }
    }

    /// The parameter keys every subsystem accepts, prefixed with the subsystem.
    public static var settableKeys: [String] {
        func keys(_ id: SubsystemID, _ names: [String]) -> [String] { names.map { "\(id.rawValue).\($0)" } }
        return keys(.cold, ColdConfig.settableKeys) + keys(.relay, RelayConfig.settableKeys) + keys(.listener, ListenerConfig.settableKeys)
            + keys(.accept, AcceptConfig.settableKeys) + keys(.trust, TrustConfig.settableKeys)
    }

    /// Every key must belong to a subsystem's settable keys.
    static func validate(_ parameters: [ParameterOverride]) throws(UsageError) {
        let known = settableKeys
        for parameter in parameters where !known.contains(parameter.key) {
            throw UsageError("unknown parameter '\(parameter.key)': valid keys are \(known.joined(separator: ", "))")
        }
    }

    private static func policy<Policy: RawRepresentable & CaseIterable>(
        _ type: Policy.Type, _ id: SubsystemID, _ request: RunRequest
    ) throws(UsageError) -> Policy where Policy.RawValue == String {
        let step = request.policy.step(id)
        guard let policy = Policy(rawValue: step) else {
            throw UsageError("unknown step '\(step)' for \(id.rawValue): valid steps are \(Policy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return policy
    }

    /// `base` with every `id.` parameter of the request applied, in order.
    private static func configured<Config: ParameterSet>(_ base: Config, _ id: SubsystemID, _ request: RunRequest) throws(UsageError) -> Config {
        var config = base
        let prefix = "\(id.rawValue)."
        for parameter in request.parameters where parameter.key.hasPrefix(prefix) {
            do {
                try config.set(String(parameter.key.dropFirst(prefix.count)), parameter.value)
            } catch {
                throw UsageError("\(error)")
            }
        }
        return config
    }
}
