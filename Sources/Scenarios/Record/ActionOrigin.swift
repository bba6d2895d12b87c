/// Who applied an action. A replay applies a scenario's timeline entries, then samples the stall
/// detector, then applies operator actions, at each instant: the order the live dashboard applied
/// them in.
public enum ActionOrigin: String, Sendable, Equatable, Codable {
    case timeline
    case `operator`
}
