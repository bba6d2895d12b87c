/// Something that must act at given virtual instants of a run, between jobs: a scenario's
/// timeline, the stall detector's samples, a replay's operator actions.
///
/// Both members are called on the thread driving the runtime, never concurrently.
public protocol InstantSchedule: AnyObject, Sendable {
    /// The next instant to stop at, or nil when nothing more is scheduled.
    var nextInstant: RuntimeInstant? { get }
    /// Called once the runtime has reached `nextInstant` and is idle; afterwards `nextInstant`
    /// must lie later (or be nil).
    func reach(_ runtime: DeterministicRuntime)
}
