/// Everything the rest of the program knows about one subsystem, declared once in the
/// subsystem's folder: its name and title, its policy ladder, its parameters, its action
/// vocabulary, its stall kinds, its scenarios, its operator commands, and how to build it.
///
/// The engine, the factory, the scenario catalog, the record format and the dashboard loop over
/// the registered descriptors (`SubsystemRegistry`); none of them names a subsystem's types.
public struct SubsystemDescriptor: Sendable {
    public let id: SubsystemID
    /// "cold storage".
    public let title: String
    /// The policy ladder's steps, oldest (the buggy original) first, the fix last.
    public let ladder: [String]
    /// The parameters `--set subsystem.key=value` accepts, with their defaults and ranges.
    public let parameters: [ParameterInfo]
    /// The kinds of stall its detector reports.
    public let stallKinds: [StallKind]
    /// The scenarios that reproduce its incident, in catalog order.
    public let scenarios: [Scenario]
    /// The keys the dashboard offers for it, in footer order.
    public let commands: [OperatorCommand]
    /// What the explorer finds in its fixed step too, kept on purpose and written up.
    public let knownWeaknesses: [KnownWeakness]
    /// How often the dashboard reads its panel figures.
    public let panelRefresh: PanelRefresh
    /// Its action vocabulary, for decoding records.
    let actionType: any SubsystemAction.Type
    /// What it takes from outside the runtime, for decoding records; nil when nothing.
    let outsideValueType: (any OutsideValue.Type)?
    private let build:
        @Sendable (EngineContext, String, [ParameterOverride], SubsystemEnvironment) throws(UsageError) ->
            any EngineSubsystem
    private let configure: @Sendable ([ParameterOverride]) throws(UsageError) -> Void
    private let fillPanels: @Sendable (any EngineSubsystem, inout EnginePanels) -> Void
    /// `SubsystemAction.effect(in:)` under the run's parameters, for the explorer.
    let faultEffect: @Sendable (any SubsystemAction, [ParameterOverride]) -> FaultEffect

    /// `make` builds the subsystem at a ladder step (a `Policy` case) with its configuration
    /// (`defaults` with the run's parameters applied); `panels` adds what its snapshot shows to
    /// the dashboard's panels.
    public init<Subsystem: EngineSubsystem, Policy, Config: ParameterSet, Action: SubsystemAction>(
        id: SubsystemID, title: String, policy: Policy.Type, defaults: Config, actions: Action.Type,
        stallKinds: [StallKind], scenarios: [Scenario] = [], commands: [OperatorCommand] = [],
        outsideValues: (any OutsideValue.Type)? = nil, knownWeaknesses: [KnownWeakness] = [],
        panelRefresh: PanelRefresh = .everyFrame,
        panels: @escaping @Sendable (Subsystem, inout EnginePanels) -> Void,
        make: @escaping @Sendable (EngineContext, Policy, Config, SubsystemEnvironment) -> Subsystem
    ) where Policy: RawRepresentable & CaseIterable & Sendable, Policy.RawValue == String, Action.Config == Config {
        precondition(Action.subsystem == id, "a subsystem's actions name the subsystem")
        let ladder = Policy.allCases.map(\.rawValue)
        for scenario in scenarios {
            precondition(scenario.incident == id, "a subsystem's scenarios reproduce its own incident")
            precondition(scenario.stallingSteps.isSubset(of: ladder), "stalling steps must be ladder steps")
        }
        self.id = id
        self.title = title
        self.ladder = ladder
        self.parameters = Config.parameters.parameters.map { ParameterInfo($0, defaults: defaults) }
        self.stallKinds = stallKinds
        self.scenarios = scenarios
        self.commands = commands
        self.actionType = actions
        self.outsideValueType = outsideValues
        self.panelRefresh = panelRefresh
        self.knownWeaknesses = knownWeaknesses
        self.fillPanels = { subsystem, models in
            guard let subsystem = subsystem as? Subsystem else {
                preconditionFailure("\(id)'s panels asked of another subsystem")
            }
            panels(subsystem, &models)
        }
        let configured = { @Sendable (parameters: [ParameterOverride]) throws(UsageError) -> Config in
            var config = defaults
            for parameter in parameters {
                guard let key = parameter.key(in: id) else { continue }
                do {
                    try config.set(key, parameter.value)
                } catch {
                    throw UsageError("\(error)")
                }
            }
            return config
        }
        self.configure = { parameters throws(UsageError) in _ = try configured(parameters) }
        self.faultEffect = { action, parameters in
            guard let action = action as? Action else {
                preconditionFailure("\(id)'s fault effect asked of another's action")
            }
            // Parameters were validated before any run: a bad one cannot reach the explorer.
            return action.effect(in: (try? configured(parameters)) ?? defaults)
        }
        self.build = { context, step, parameters, environment throws(UsageError) in
            guard let policy = Policy(rawValue: step) else {
                throw UsageError(
                    "unknown step '\(step)' for \(id): valid steps are \(Policy.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return make(context, policy, try configured(parameters), environment)
        }
    }

    /// Adds what `subsystem` (built by this descriptor) shows now to `panels`.
    public func fill(_ panels: inout EnginePanels, from subsystem: any EngineSubsystem) {
        fillPanels(subsystem, &panels)
    }

    /// The step every run uses unless told otherwise: the top of the ladder.
    public var fixedStep: String { ladder[ladder.count - 1] }

    /// Applies every parameter of `parameters` that names this subsystem to its defaults, in
    /// order, without building anything: a bad key or value is the usage error `make` would give.
    public func validate(_ parameters: [ParameterOverride]) throws(UsageError) {
        try configure(parameters)
    }

    /// The subsystem at `step`, with every parameter of `parameters` that names it applied in
    /// order; an unknown step or a bad value is a usage error.
    public func make(
        context: EngineContext, step: String, parameters: [ParameterOverride], environment: SubsystemEnvironment
    ) throws(UsageError) -> any EngineSubsystem {
        try build(context, step, parameters, environment)
    }
}
