/// What a terminal backend reads: a key, or news that the screen changed size.
public enum TerminalInput: Equatable, Sendable {
    case key(InputKey)
    case resize
    /// The terminal went away (its pty closed: end of file, an I/O error or a hangup on the
    /// input). Nothing can be shown or typed any more: the loop ends as on SIGHUP.
    case hangup
}
