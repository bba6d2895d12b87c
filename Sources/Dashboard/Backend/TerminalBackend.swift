/// Where the app loop draws and reads keys: ncurses in a real terminal (`CursesScreen` in
/// Terminal), a `TestBackend` in tests (ratatui's `Backend` and `TestBackend`). Owned by one
/// thread, the app loop's.
public protocol TerminalBackend: AnyObject {
    /// The screen's size in cells, as of now (after a `.resize` input, the new one).
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer`; a backend may send only what changed since the last draw.
    func draw(_ buffer: Buffer)
    /// Forgets what was drawn (a theme change): the next draw sends every cell.
    func invalidate()
    /// The next input, waiting at most `timeout`; nil when none came in time.
    func read(timeout: Duration) -> TerminalInput?
    /// Gives the terminal back (idempotent).
    func end()
}
