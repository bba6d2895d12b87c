import CNcursesw
import CTerminalRestore
import Dashboard
import Foundation

/// The ncursesw backend of the app loop. Owned by one thread (the loop's): curses is not thread-safe.
///
/// Draws a `Buffer` by sending only the cells that differ from the last one drawn; reads keys
/// with `wget_wch` and a short timeout; arranges for the terminal to be restored on every exit
/// path (see CTerminalRestore).
final class CursesScreen: TerminalBackend {
    /// How long a lone ESC waits for the rest of an escape sequence (ncurses defaults to 1 s).
    static let escapeDelayMilliseconds: Int32 = 25

    private let screen: OpaquePointer
    private var window: UnsafeMutablePointer<WINDOW>
    private var previous: Buffer?
    private var pairs: ColorPairs
    private var text: [wchar_t] = [0, 0]
    private(set) var isEnded = false
    /// Mouse reporting is on (`--no-mouse` leaves it off): turned off again on every way out.
    private let mouse: Bool

    /// Bytes written by the last `draw` (cells sent), for the idle-frame check.
    private(set) var lastCellsDrawn = 0

    init(crashLogPath: String, mouse: Bool = true) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty {
            throw .unusableTerminal("TERM is not set; set it to your terminal's type (e.g. xterm-256color)")
        }
        if term == "dumb" {
            throw .unusableTerminal("TERM=dumb cannot draw the dashboard; use a real terminal or `stallscope run`")
        }
        Self.selectUTF8Locale()
        // Saved before curses changes any mode: this is what every exit path restores.
        guard terminal_restore_save(STDOUT_FILENO, "", crashLogPath) == 0 else { throw .notATerminal }
        guard let screen = shim_newterm() else {
            throw .unusableTerminal("unknown terminal type '\(term)' (no terminfo entry); try TERM=xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        guard Self.capability("cup") != nil else {
            endwin()
            throw .unusableTerminal("terminal '\(term)' cannot address the cursor; try TERM=xterm-256color")
        }
        guard let window = shim_stdscr() else {
            endwin()
            throw .unusableTerminal("curses gave no screen for '\(term)'")
        }
        self.window = window
        // Off when the terminal reports no mouse at all: nothing to turn off on the way out.
        self.mouse = mouse && shim_mouse_enable(1) != 0
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        pairs = ColorPairs(colors: colors, pairLimit: Int(shim_color_pairs()))
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        // Without this, doupdate polls the keyboard every few lines and flushes before each poll:
        // a frame went out as ~20 small writes and ~8 polls. Keys wait in the tty until the
        // next wget_wch, a frame later at most.
        typeahead(-1)
        set_escdelay(Self.escapeDelayMilliseconds)
        curs_set(0)
        terminal_restore_set_sequence(Self.restoreSequence(mouse: self.mouse))
        terminal_restore_install()
    }

    /// The dashboard writes UTF-8 box drawing and blocks; a process started under the C locale
    /// would print them as '?', so fall back to C.UTF-8 when the environment names no UTF-8 one.
    private static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    private static func capability(_ name: String) -> String? {
        guard let value = tigetstr(name), value != UnsafeMutablePointer<CChar>(bitPattern: -1) else { return nil }
        return String(cString: value)
    }

    /// What the signal handlers write: leave keypad mode and the alternate screen, reset
    /// attributes, show the cursor (terminfo's own strings, falling back to xterm's), and with the
    /// mouse on, stop its reports, or the shell would get an escape sequence per click.
    private static func restoreSequence(mouse: Bool) -> String {
        (mouse ? mouseOff : "") + (capability("rmkx") ?? "") + (capability("sgr0") ?? "\u{1b}[0m")
            + (capability("rmcup") ?? "\u{1b}[?1049l") + (capability("cnorm") ?? "\u{1b}[?25h")
    }

    /// Every xterm mouse mode curses may have turned on, off: presses (1000), drags (1002), all
    /// motion (1003) and the SGR encoding (1006). Terminals ignore modes they do not know.
    static let mouseOff = "\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1003l\u{1b}[?1006l"

    var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        shim_getmaxyx(window, &rows, &columns)
        return (Int(columns), Int(rows))
    }

    /// Draws the cells that changed since the last frame (everything after a resize or `invalidate`).
    func draw(_ buffer: Buffer) {
        let updates = buffer.diff(from: previous ?? Buffer(width: 0, height: 0))
        if previous?.width != buffer.width || previous?.height != buffer.height { werase(window) }
        for update in updates {
            text[0] = wchar_t(bitPattern: update.cell.symbol.value)
            let style = update.cell.style
            let pair = pairs.pair(foreground: style.foreground, background: style.background)
            _ = shim_put_cell(window, Int32(update.y), Int32(update.x), &text, Self.attributes(style.attributes), pair)
        }
        lastCellsDrawn = updates.count
        previous = buffer
        if !updates.isEmpty {
            wnoutrefresh(window)
            doupdate()
        }
    }

    /// Forgets the last frame and the color pairs (theme change): the next draw sends everything.
    func invalidate() {
        previous = nil
        pairs.reset()
        clearok(window, true)
    }

    private static func attributes(_ attributes: Attributes) -> attr_t {
        var result = shim_a_normal()
        if attributes.contains(.bold) { result |= shim_a_bold() }
        if attributes.contains(.dim) { result |= shim_a_dim() }
        if attributes.contains(.italic) { result |= shim_a_italic() }
        if attributes.contains(.underline) { result |= shim_a_underline() }
        if attributes.contains(.reverse) { result |= shim_a_reverse() }
        return result
    }

    /// The next key, waiting at most `timeout` (to the millisecond, rounded up); nil on timeout.
    func read(timeout: Duration) -> TerminalInput? {
        if terminal_restore_take_continued() != 0 {
            // Stopped and continued: the shell may have put its own modes back.
            reset_prog_mode()
            invalidate()
            return .resize
        }
        wtimeout(window, Int32((timeout / .milliseconds(1)).rounded(.up)))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == shim_err() { return Self.inputIsGone() ? .hangup : nil }
        if result == shim_key_code_yes() {
            switch Int32(character) {
            case shim_key_resize(): return .resize
            case shim_key_up(): return .key(.up)
            case shim_key_down(): return .key(.down)
            case shim_key_left(): return .key(.left)
            case shim_key_right(): return .key(.right)
            case shim_key_btab(): return .key(.backTab)
            case shim_key_enter(): return .key(.enter)
            case shim_key_backspace(): return .key(.backspace)
            case shim_key_npage(): return .key(.pageDown)
            case shim_key_ppage(): return .key(.pageUp)
            case shim_key_home(): return .key(.home)
            case shim_key_end(): return .key(.end)
            case shim_key_mouse(): return Self.mouseEvent()
            default: return nil
            }
        }
        switch character {
        case 3: return .key(.interrupt)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// The mouse event curses has just read, as the loop takes it; nil for buttons it ignores.
    private static func mouseEvent() -> TerminalInput? {
        var x: Int32 = 0
        var y: Int32 = 0
        let button: MouseEvent.Button
        switch shim_get_mouse(&x, &y) {
        case 1: button = .press
        case 4: button = .wheelUp
        case 5: button = .wheelDown
        default: return nil
        }
        return .key(.mouse(MouseEvent(x: Int(x), y: Int(y), button: button)))
    }

    /// Whether the terminal's input has hung up or fails: curses answers ERR at once then, as
    /// for a timeout, and a loop that took it for one would spin on a dead terminal.
    private static func inputIsGone() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) >= 0 else { return errno != EINTR }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Leaves curses: restores the terminal the way curses set it up (idempotent).
    func end() {
        guard !isEnded else { return }
        isEnded = true
        curs_set(1)
        // Reports off before curses lets the terminal go; `terminal_restore_now` below sends
        // `mouseOff` again, for a terminal entry that does not say how (no XM).
        if mouse { _ = shim_mouse_enable(0) }
        endwin()
        delscreen(screen)
        // endwin restores curses' idea of the shell mode; make sure ours (the one saved before
        // curses started) and a visible cursor win, whatever curses did.
        terminal_restore_now()
    }
}
