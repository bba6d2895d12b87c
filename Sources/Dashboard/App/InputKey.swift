/// A key press, or a mouse press at a cell, decoded by the terminal backend.
public enum InputKey: Hashable, Sendable {
    case character(Character)
    case up
    case down
    case left
    case right
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case pageUp
    case pageDown
    case home
    case end
    /// Ctrl-C arriving as a key (raw mode) rather than as SIGINT.
    case interrupt
    /// A mouse button or wheel notch (off with `--no-mouse`).
    case mouse(MouseEvent)
}
