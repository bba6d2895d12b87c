/// What a terminal backend reads: a key, or news that the screen changed size.
public enum TerminalInput: Equatable, Sendable {
    case key(InputKey)
    case resize
}
