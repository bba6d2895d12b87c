import Engine

extension EngineFactory {
    /// The stream relay at the selected step, with every `relay.` parameter applied in order.
    static func makeRelay(context: EngineContext, request: RunRequest) throws(UsageError) -> RelaySubsystem {
        let step = request.policy.step(.relay)
        guard let policy = RelayPolicy(rawValue: step) else {
            throw UsageError("unknown relay step '\(step)': valid steps are \(RelayPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var config = RelayConfig.default
        for parameter in request.parameters where parameter.key.hasPrefix("relay.") {
            do {
                try config.set(String(parameter.key.dropFirst("relay.".count)), parameter.value)
            } catch {
                throw UsageError("\(error)")
            }
        }
        return RelaySubsystem(context: context, policy: policy, config: config)
    }
}
