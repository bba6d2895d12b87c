import CTerminalRestore
import DashboardHost

/// The dashboard in the process's terminal: the app loop on ncurses, with what only a real
/// process has around it (the quit signal the restore handlers caught, the crash log path).
public enum TerminalDashboard {
    /// Takes the terminal, then builds the app with `makeApp` and runs it until `q`, Ctrl-C or a
    /// termination signal, restoring the terminal on the way out. A termination signal is
    /// re-raised after the restore, so the exit status tells it. The app is built only once the
    /// terminal is known to work, so a refused terminal leaves no state or record file behind.
    public static func run(crashLogPath: String, _ makeApp: () -> DashboardApp) throws(TerminalError) {
        let screen = try CursesScreen(crashLogPath: crashLogPath)
        if case .signal(let signal) = makeApp().run(on: screen, quitSignal: { terminal_restore_quit_signal() }) {
            terminal_restore_reraise(signal)
        }
    }
}
