import Dashboard
import DashboardModel

/// What the dashboard runs against: something that produces a frame's inputs and carries out
/// the operator's keys. The app calls it from the UI thread only; implementations hand work to
/// their runtime (`PacedDriver.perform`) and answer `frame()` from thread-safe snapshots.
public protocol DashboardHost: AnyObject, Sendable {
    /// The inputs of the next frame. Called once per frame: keep it cheap.
    func frame() -> DashboardFrame

    /// Changes whenever a `frame()` taken now could differ from the last one taken (virtual time
    /// moved, a job ran, an action was carried out, the run restarted). Equal values mean an
    /// identical frame, so the app skips building one: a paused dashboard costs nothing. Read it
    /// before `frame()`, so a change in between is seen next time.
    var revision: Int { get }

    /// Carries out the key of one of the frame's `commands`, on what had the focus.
    func perform(_ key: Character, focus: DashboardFocus)

    var isPaused: Bool { get }
    func togglePause()
    /// While paused: advance to the next timer instant.
    func step()
    var speed: Double { get }
    func setSpeed(_ speed: Double)
    /// Starts the scenario again from virtual time zero with the same seed.
    func restart()
    /// Goes to `instant` of the run (back or forward in virtual time, within what the run has
    /// reached) and returns a status line saying where it went, or why not.
    func travel(to instant: Duration) -> String
    /// The scenarios the picker (`p`) offers; empty when this host runs one scenario only, and
    /// then `scenarioPickerOff` says why.
    var scenarioChoices: [ScenarioChoice] { get }
    var scenarioPickerOff: String { get }
    /// Starts `scenario` from virtual time zero, same seed, under `policy` (as `--policy` takes
    /// it), and returns the status line that says so, or why not.
    func restart(scenario: String, policy: String) -> String
    /// Stops the run for good (on quit); returns what went wrong while it stopped, for the
    /// caller to say once the terminal is back.
    @discardableResult
    func shutdown() -> [String]
}

extension DashboardHost {
    public func travel(to instant: Duration) -> String { "this dashboard cannot go back in time" }
    public var scenarioChoices: [ScenarioChoice] { [] }
    public var scenarioPickerOff: String { "this dashboard runs one scenario" }
    public func restart(scenario: String, policy: String) -> String { scenarioPickerOff }
}
