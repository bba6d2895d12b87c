import Engine

/// Which step of its policy ladder each subsystem runs: `fixed` (the default), `legacy` (the
/// oldest step everywhere) or a list such as `cold=semaphore,trust=under-lock` (the others
/// stay fixed).
public struct PolicySelection: Sendable, Equatable, Codable, CustomStringConvertible {
    public private(set) var steps: [SubsystemID: String]

    public init(steps: [SubsystemID: String]) {
        self.steps = steps
    }

    public static var fixed: PolicySelection {
        PolicySelection(
            steps: Dictionary(uniqueKeysWithValues: SubsystemID.allCases.map { ($0, PolicyLadders.fixedStep) }))
    }

    public static var legacy: PolicySelection {
        PolicySelection(
            steps: Dictionary(uniqueKeysWithValues: SubsystemID.allCases.map { ($0, PolicyLadders.steps($0)[0]) }))
    }

    public func step(_ subsystem: SubsystemID) -> String { steps[subsystem] ?? PolicyLadders.fixedStep }

    public mutating func set(_ subsystem: SubsystemID, _ step: String) throws(UsageError) {
        let ladder = PolicyLadders.steps(subsystem)
        guard ladder.contains(step) else {
            throw UsageError(
                "unknown step '\(step)' for \(subsystem.rawValue): valid steps are \(ladder.joined(separator: ", "))")
        }
        steps[subsystem] = step
    }

    /// The next step of `subsystem`'s ladder, wrapping around: the dashboard's `g` key.
    public func cycled(_ subsystem: SubsystemID) -> PolicySelection {
        let ladder = PolicyLadders.steps(subsystem)
        let index = ladder.firstIndex(of: step(subsystem)) ?? ladder.count - 1
        var next = self
        next.steps[subsystem] = ladder[(index + 1) % ladder.count]
        return next
    }

    public static func parse(_ text: String) throws(UsageError) -> PolicySelection {
        switch text {
        case "fixed": return .fixed
        case "legacy": return .legacy
        default: break
        }
        var selection = PolicySelection.fixed
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw UsageError(
                    "malformed policy '\(item)': use fixed, legacy, or subsystem=step pairs like cold=semaphore,trust=under-lock"
                )
            }
            guard let subsystem = SubsystemID(rawValue: parts[0]) else {
                throw UsageError(
                    "unknown subsystem '\(parts[0])': valid subsystems are \(SubsystemID.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            try selection.set(subsystem, parts[1])
        }
        return selection
    }

    /// `fixed`, `legacy`, or the subsystems that differ from fixed: `cold=semaphore,trust=under-lock`.
    public var description: String {
        if self == .fixed { return "fixed" }
        if self == .legacy { return "legacy" }
        return SubsystemID.allCases
            .filter { step($0) != PolicyLadders.fixedStep }
            .map { "\($0.rawValue)=\(step($0))" }
            .joined(separator: ",")
    }
}
