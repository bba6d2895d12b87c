import CTerminalRestore
import Dashboard

/// The app loop: one thread owns curses; it renders the host's frame at the configured rate,
/// and between frames waits on the keyboard with a timeout so keys act at once.
public final class DashboardApp {
    /// Longest the loop blocks on input, so a quit signal is noticed promptly.
    static let inputPollLimit: Duration = .milliseconds(50)
    /// How long a status line (restart, theme errors) stays in the footer.
    static let statusDuration: Duration = .seconds(3)

    private let host: any DashboardHost
    private var options: DashboardOptions
    private var state = DashboardState()
    private var builder = DashboardModelBuilder()
    private var model: DashboardViewModel?
    private var theme: Theme
    private var statusExpiry: ContinuousClock.Instant?

    public init(host: any DashboardHost, options: DashboardOptions) {
        self.host = host
        self.options = options
        self.theme = options.theme
    }

    /// Runs until `q`, Ctrl-C or a termination signal; restores the terminal and stops the host.
    /// A termination signal is re-raised after the restore, so the exit status tells it.
    public func run(crashLogPath: String) throws(TerminalError) {
        let screen = try CursesScreen(crashLogPath: crashLogPath)
        let clock = ContinuousClock()
        let started = clock.now
        let interval = Duration.seconds(1) / options.framesPerSecond
        var nextFrame = clock.now
        var needsFrame = true
        // The host's revision the screen shows: while it stands still (paused, nothing pending)
        // a frame would draw the same screen, so none is built.
        var drawnRevision: Int?
        var quitSignal: Int32 = 0
        loop: while true {
            quitSignal = terminal_restore_quit_signal()
            if quitSignal != 0 { break }
            let now = clock.now
            if let crashAfter = options.crashAfter, started.duration(to: now) >= crashAfter {
                Self.forcedCrash()
            }
            if let expiry = statusExpiry, now >= expiry {
                state.status = nil
                statusExpiry = nil
                needsFrame = true
            }
            if needsFrame || now >= nextFrame {
                // Read before the frame is taken: a change in between shows next time.
                let revision = host.revision
                if needsFrame || revision != drawnRevision {
                    draw(on: screen)
                    drawnRevision = revision
                }
                needsFrame = false
                nextFrame = max(nextFrame + interval, now)
            }
            let wait = min(max(now.duration(to: nextFrame), .zero), Self.inputPollLimit)
            // Rounded up: truncating turned the last millisecond before each frame into a loop
            // of zero-timeout polls.
            var timeout = Int32((wait / .milliseconds(1)).rounded(.up))
            while let input = screen.read(timeoutMilliseconds: timeout) {
                timeout = 0
                switch input {
                case .resize:
                    needsFrame = true
                case .key(let key):
                    guard let model else { continue }
                    for action in state.handle(key, model: model) {
                        if !apply(action, screen: screen) { break loop }
                    }
                    needsFrame = true
                }
            }
        }
        screen.end()
        host.shutdown()
        if quitSignal != 0 { terminal_restore_reraise(quitSignal) }
    }

    private func draw(on screen: CursesScreen) {
        let frame = host.frame()
        // The old model shares the channels' fill histories with the builder: dropped first,
        // the builder appends to them in place instead of copying each one.
        self.model = nil
        var model = builder.build(frame, state: state, themeName: theme.name, commands: host.supportedCommands)
        state.ensureFocus(model)
        model.header.themeName = theme.name
        self.model = model
        let size = screen.size
        var buffer = Buffer(width: size.width, height: size.height)
        DashboardScreen(model: model, state: state, theme: theme).render(buffer.area, into: &buffer)
        screen.draw(buffer)
    }

    /// Carries out one action; false when the app should quit.
    private func apply(_ action: DashboardAction, screen: CursesScreen) -> Bool {
        switch action {
        case .quit:
            return false
        case .togglePause:
            host.togglePause()
        case .step:
            host.step()
        case .faster:
            host.setSpeed(host.speed * DashboardOptions.speedFactor)
        case .slower:
            host.setSpeed(host.speed / DashboardOptions.speedFactor)
        case .restart:
            host.restart()
            builder.reset()
            setStatus("restarted")
        case .nextTheme:
            let names = options.catalog.names()
            let next = names.firstIndex(of: theme.name).map { names[($0 + 1) % names.count] } ?? names.first ?? Theme.dark.name
            do {
                theme = try options.catalog.load(named: next)
                screen.invalidate()
                setStatus("theme \(theme.name)")
            } catch {
                setStatus(error.description)
            }
        case .command(let command, let focus):
            host.perform(command, focus: focus)
        }
        return true
    }

    private func setStatus(_ text: String) {
        state.status = text
        statusExpiry = ContinuousClock.now.advanced(by: Self.statusDuration)
    }

    /// A real Swift runtime trap (SIGILL or SIGTRAP, also in release builds), not a simulated
    /// signal: what the crash-restore path has to survive.
    private static func forcedCrash() -> Never {
        preconditionFailure("forced crash (STALLSCOPE_CRASH_AFTER_MS)")
    }
}
