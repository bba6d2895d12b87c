/// Why the dashboard cannot start in this terminal; each is one line on stderr and exit 2.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unusableTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "stallscope: the dashboard needs a terminal (stdin and stdout must be a tty); for headless use try `stallscope run steady`"
        case .unusableTerminal(let why):
            "stallscope: \(why)"
        }
    }
}
