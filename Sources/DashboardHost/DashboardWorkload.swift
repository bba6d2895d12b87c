import Dashboard
import DashboardModel
import Engine
import Runtime
import Scenarios

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

    // MARK: Going back in time

    /// The run so far as a record (header, every action and disk answer): what going back
    /// re-executes.
    var record: RecordFile { get }
    /// A fresh workload, on a fresh runtime from the record's seed, that re-executes `record`
    /// (the operator's keys at their instants, the disk's recorded answers) and, past its end,
    /// goes on live as this one does; not started.
    func resuming(_ record: RecordFile) -> any DashboardWorkload
    /// A workload made by `resuming` an earlier copy of `record` takes what `record` has beyond
    /// that copy (later keys and disk answers), so it re-executes `record` as it is now. It must
    /// not have run past the copy's last instant. Call it on the thread that drives it.
    func catchUp(with record: RecordFile)
    /// The operator makes a new branch here: what the re-executed record still had ahead is
    /// dropped, and the run (everything so far first) is recorded to `path` from now on. Call
    /// it with the runtime idle, on the thread that drives it.
    func leaveRecord(recordingTo path: String?)
    /// The timeline's marks so far: faults injected, keys pressed, warnings first seen.
    var marks: [TimelineMark] { get }
    /// A digest of the run's state now (the one its record's trailer would carry).
    func stateDigest() -> String
}
