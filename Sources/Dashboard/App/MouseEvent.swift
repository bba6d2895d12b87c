/// A mouse press the terminal backend decoded (ncurses `KEY_MOUSE`), at a cell of the screen:
/// column `x` and row `y` from the top-left, as a `Buffer` counts them.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        /// The primary button, pressed: focus, select, jump.
        case press
        /// A notch of the wheel away from the user (up the list) or towards them (down it).
        case wheelUp
        case wheelDown
    }

    public var x: Int
    public var y: Int
    public var button: Button

    public init(x: Int, y: Int, button: Button) {
        self.x = x
        self.y = y
        self.button = button
    }
}
