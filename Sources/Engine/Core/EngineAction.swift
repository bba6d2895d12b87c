/// Everything an operator (a dashboard key) or a scenario timeline can do to a running engine:
/// cancel a subsystem's task, or one of the subsystem's own actions.
///
/// One vocabulary for all three users: the dashboard maps keys to actions, scenarios schedule
/// them at virtual instants, and record files store them, so a live demo replays exactly. Each
/// subsystem folder adds its actions' shorthands (`.hangBackend(true)`) as static functions.
public struct EngineAction: Sendable, Equatable, CustomStringConvertible {
    public enum Operation: Sendable {
        /// Cancel (shut down) the subsystem's task: cold storage, a stream, the trust manager, ...
        case cancel
        /// One of the subsystem's own actions.
        case fault(any SubsystemAction)
    }

    /// The subsystem the action is aimed at.
    public let subsystem: SubsystemID
    public let operation: Operation

    public init<Action: SubsystemAction>(_ action: Action) {
        self.subsystem = Action.subsystem
        self.operation = .fault(action)
    }

    private init(cancelling subsystem: SubsystemID) {
        self.subsystem = subsystem
        self.operation = .cancel
    }

    public static func cancel(_ subsystem: SubsystemID) -> EngineAction {
        EngineAction(cancelling: subsystem)
    }

    /// The subsystem's own action, when it is one of type `Action`.
    public func fault<Action: SubsystemAction>(as type: Action.Type) -> Action? {
        guard case .fault(let action) = operation else { return nil }
        return action as? Action
    }

    /// What in the action lies outside its bounds, or nil (a cancel has none).
    public var boundsViolation: String? {
        guard case .fault(let action) = operation else { return nil }
        return action.boundsViolation
    }

    public var description: String {
        switch operation {
        case .cancel: "cancel(\(subsystem))"
        case .fault(let action): action.description
        }
    }

    public static func == (lhs: EngineAction, rhs: EngineAction) -> Bool {
        guard lhs.subsystem == rhs.subsystem else { return false }
        switch (lhs.operation, rhs.operation) {
        case (.cancel, .cancel): return true
        case (.fault(let left), .fault(let right)): return left.isEqual(to: right)
        default: return false
        }
    }
}

extension EngineAction: Codable {
    private enum CodingKeys: String, CodingKey {
        case subsystem
        case cancel
        case fault
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let subsystem = try container.decode(SubsystemID.self, forKey: .subsystem)
        if try container.decodeIfPresent(Bool.self, forKey: .cancel) == true {
            self = .cancel(subsystem)
            return
        }
        let type = SubsystemRegistry.descriptor(subsystem).actionType
        self = EngineAction(try Self.decode(type, from: container))
    }

    private static func decode<Action: SubsystemAction>(
        _ type: Action.Type, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Action {
        try container.decode(type, forKey: .fault)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subsystem, forKey: .subsystem)
        switch operation {
        case .cancel: try container.encode(true, forKey: .cancel)
        case .fault(let action): try container.encode(action, forKey: .fault)
        }
    }
}
