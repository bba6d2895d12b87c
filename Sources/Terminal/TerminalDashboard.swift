import CTerminalRestore
import Dashboard
import DashboardHost
import Foundation

/// The dashboard in the process's terminal: the app loop on ncurses, with what only a real
/// process has around it (the quit signal the restore handlers caught, the crash log path).
public enum TerminalDashboard {
    /// Takes the terminal, then builds the app with `makeApp` and runs it until `q`, Ctrl-C or a
    /// termination signal, restoring the terminal on the way out. A termination signal is
    /// re-raised after the restore, so the exit status tells it. The app is built only once the
    /// terminal is known to work, so a refused terminal leaves no state or record file behind.
    ///
    /// What went wrong while the app stopped (a final save that failed) is printed on stderr,
    /// once the terminal is back, and returned: the caller's exit status says it too.
    @discardableResult
    /// With `mouse`, presses and the wheel come in as `InputKey.mouse` (`--no-mouse` turns it off).
    public static func run(
        crashLogPath: String, mouse: Bool = true, _ makeApp: () -> DashboardApp
    )
        throws(TerminalError) -> [String]
    {
        let screen = try CursesScreen(crashLogPath: crashLogPath, mouse: mouse)
        let app = makeApp()
        let exit = app.run(on: screen, quitSignal: { terminal_restore_quit_signal() })
        for problem in app.closingProblems {
            FileHandle.standardError.write(Data("stallscope: \(Format.printable(problem))\n".utf8))
        }
        if case .signal(let signal) = exit {
            terminal_restore_reraise(signal)
        }
        return app.closingProblems
    }
}
