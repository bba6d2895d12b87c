/// What the engine needs from each of its subsystems, whatever the incident: start it, aim
/// operator actions at it, stop it, and read its warnings and metrics.
public protocol EngineSubsystem: AnyObject, Sendable {
    var id: SubsystemID { get }
    /// The policy ladder step it runs.
    var policyStep: String { get }

    /// Spawns its tasks on the engine's runtime.
    func start()
    /// Applies an action aimed at this subsystem (`action.subsystem == id`).
    func apply(_ action: EngineAction)
    /// Shuts it down; returns once its tasks have ended (a buggy step may never return: callers
    /// bound the wait in virtual time).
    func stop() async
    /// Stalls detected now, each naming its blocker.
    func stallWarnings() -> [StallWarning]
    /// Numbers for the run report, keyed without the subsystem prefix.
    func metrics() -> [String: Double]
    /// What it promised and did not keep, checked once `stop()` has returned (the explorer's
    /// invariants): a change acknowledged but neither saved nor reported lost, a write accepted
    /// but neither applied nor failed, a stream corrupted on the way. Empty when all held.
    func violationsAfterStop() -> [InvariantViolation]
}

extension EngineSubsystem {
    public func violationsAfterStop() -> [InvariantViolation] { [] }
}
