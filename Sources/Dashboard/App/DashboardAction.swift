/// What a key press asks of the app, beyond changing the UI state: the state machine returns
/// these and the app loop carries them out against the host.
public enum DashboardAction: Equatable, Sendable {
    case quit
    case togglePause
    case step
    case faster
    case slower
    case restart
    case nextTheme
    /// A key the host offered in this frame's commands, with what had the focus.
    case command(Character, DashboardFocus)
    /// Go to this instant of the run (`[` `]` `{` `}` `W`): the host re-executes it there.
    case travel(to: Duration)
    /// Restart with another scenario of the catalog, under `policy` (as `--policy` takes it), same
    /// seed (the picker's enter).
    case switchScenario(String, policy: String)
    /// A status line for the footer (a key that found nothing to do says why).
    case say(String)
}
