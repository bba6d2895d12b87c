import CTerminalRestore
import DashboardHost

/// The dashboard in the process's terminal: the app loop on ncurses, with what only a real
/// process has around it (the quit signal the restore handlers caught, the crash log path).
public enum TerminalDashboard {
    /// Runs `app` until `q`, Ctrl-C or a termination signal, restoring the terminal on the way
    /// out. A termination signal is re-raised after the restore, so the exit status tells it.
    public static func run(_ app: DashboardApp, crashLogPath: String) throws(TerminalError) {
        let screen = try CursesScreen(crashLogPath: crashLogPath)
        if case .signal(let signal) = app.run(on: screen, quitSignal: { terminal_restore_quit_signal() }) {
            terminal_restore_reraise(signal)
        }
    }
}
