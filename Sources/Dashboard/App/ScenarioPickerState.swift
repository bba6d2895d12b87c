import DashboardModel

/// The scenario picker while it is open (`p`): the catalog line under the cursor and the policy
/// chosen to run it with (the one running now, until left/right cycles it).
public struct ScenarioPickerState: Equatable, Sendable {
    /// Index into the view model's `scenarios`.
    public var row: Int
    public var policy: String

    public init(row: Int, policy: String) {
        self.row = row
        self.policy = policy
    }

    /// The policy after `delta` steps of left/right through `choice`'s options.
    mutating func cyclePolicy(by delta: Int, _ choice: ScenarioChoice, current: String) {
        let options = choice.policyOptions(current: current)
        let index = options.firstIndex(of: policy) ?? 0
        policy = options[(index + delta + options.count) % options.count]
    }

    /// Moves to `row`, keeping the chosen policy when that scenario offers it too.
    mutating func move(to row: Int, _ choices: [ScenarioChoice], current: String) {
        precondition(!choices.isEmpty, "the picker opens only over a catalog")
        self.row = Swift.min(Swift.max(0, row), choices.count - 1)
        if !choices[self.row].policyOptions(current: current).contains(policy) { policy = current }
    }
}
