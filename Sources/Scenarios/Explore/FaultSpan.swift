import Engine

/// When one fault of a run lasted, and which of its subsystem's stalls it explains meanwhile
/// (`FaultEffect`): a stall of those kinds still standing at the end is a finding only when it
/// outlived every fault that explains it by as long as the explorer asks a stall to stand.
struct FaultSpan: Sendable {
    let subsystem: SubsystemID
    let symptoms: Set<StallKind>
    /// The instant it began.
    let start: Duration
    /// The instant it ended; nil when it never did.
    let end: Duration?

    /// The spans of `timeline` (sorted by instant) under `parameters`: a fault lasting until
    /// ended ends at the first later action of its subsystem that ends it.
    static func spans(of timeline: [Scenario.Step], parameters: [ParameterOverride]) -> [FaultSpan] {
        timeline.enumerated().compactMap { index, step in
            let descriptor = SubsystemRegistry.descriptor(step.action.subsystem)
            let effect = descriptor.effect(of: step.action, parameters: parameters)
            guard !effect.symptoms.isEmpty else { return nil }
            let end: Duration? =
                switch effect.lasting {
                case .for(let duration): step.at + duration
                case .untilEnded:
                    timeline[(index + 1)...].first {
                        $0.action.subsystem == step.action.subsystem && descriptor.ends($0.action, step.action)
                    }?.at
                }
            return FaultSpan(subsystem: step.action.subsystem, symptoms: effect.symptoms, start: step.at, end: end)
        }
    }

    /// Whether this fault explains `warning` when the run ended at `runEnd`: a stall of one of
    /// its kinds in its subsystem, with less than `standing` between the fault's end and the
    /// run's.
    func explains(_ warning: WarningRecord, runEnd: Duration, standing: Duration) -> Bool {
        guard warning.subsystem == subsystem.rawValue, symptoms.contains(warning.kind) else { return false }
        guard let end else { return true }
        return runEnd - end < standing
    }
}
