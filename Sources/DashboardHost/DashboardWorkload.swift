import Dashboard
import DashboardModel
import Engine
import Runtime

/// What runs inside a `RuntimeHost`: the engine's subsystems under a scenario
/// (`EngineWorkload`). Started on a fresh `EngineContext` per run, so `r`
/// replays from the same seed.
public protocol DashboardWorkload: AnyObject, Sendable {
    /// The runtime the workload runs on; the host drives it.
    var runtime: DeterministicRuntime { get }
    /// The runtime, event log and instruments the workload runs with.
    var context: EngineContext { get }
    /// Instants the driver must stop at exactly (the scenario's timeline, detector samples).
    var schedule: (any InstantSchedule)? { get }
    /// Spawns the workload's tasks on the context's runtime.
    func start()
    /// Ends the run's record (verdict and final state) while the engine is still as it ran; the
    /// host calls it on the driving thread, after the driver stopped and before `stop()`.
    func finish()
    /// Cancels every task it started and closes what it owns; the host then runs the runtime
    /// until quiescent, so nothing is left parked.
    func stop() async
    /// The keys it carries out now, with their current labels, in footer order.
    var commands: [CommandHint] { get }
    /// Commands carried out so far (a frame that follows one must be built).
    var commandsPerformed: Int { get }
    /// The subsystems it runs, in order: `g` cycles the first one's policy when no panel of a
    /// subsystem has the focus.
    var subsystems: [SubsystemID] { get }
    /// Carries out a key press. Runs on the runtime's driving thread at the current virtual
    /// instant, so the effect is in the next frame.
    func perform(_ key: Character, focus: DashboardFocus)
    /// Adds what only the workload knows to a frame: subsystem panels, warnings, policy text.
    func contribute(to frame: inout DashboardFrame)
}
