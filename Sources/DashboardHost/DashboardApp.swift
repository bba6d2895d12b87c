import Dashboard

/// The app loop: one thread owns the terminal backend; it renders the host's frame at the
/// configured rate, and between frames waits on the keyboard with a timeout so keys act at once.
/// The same loop runs on ncurses (`stallscope`, through Terminal) and on a `TestBackend` in the
/// tests; what only a real process has (a quit signal) comes in as a parameter.
public final class DashboardApp {
    /// Why the loop ended.
    public enum Exit: Equatable, Sendable {
        /// `q` or Ctrl-C as a key.
        case quit
        /// `quitSignal` reported this signal: the caller re-raises it once the terminal is back.
        case signal(Int32)
    }

    /// Longest the loop blocks on input, so a quit signal is noticed promptly.
    static let inputPollLimit: Duration = .milliseconds(50)
    /// How long a status line (restart, theme errors) stays in the footer.
    static let statusDuration: Duration = .seconds(3)

    private let host: any DashboardHost
    private var options: DashboardOptions
    private var state = DashboardState()
    private var builder = DashboardModelBuilder()
    /// Side B's builder on the compare screen (`ComparingDashboardHost`); `builder` is side A's.
    private var comparedBuilder = DashboardModelBuilder()
    private var model: DashboardViewModel?
    /// Where things were on the screen last drawn: what a mouse press lands on.
    private var hits = HitMap()
    /// The host's catalog for the picker: it never changes, so it is read once.
    private lazy var scenarios = host.scenarioChoices
    private var theme: Theme
    /// What went wrong while the host stopped (after `run` returns): nothing the screen could
    /// still show, so the caller prints it.
    public private(set) var closingProblems: [String] = []
    private var statusExpiry: ContinuousClock.Instant?

    public init(host: any DashboardHost, options: DashboardOptions) {
        self.host = host
        self.options = options
        self.theme = options.theme
    }

    /// How a lost terminal ends the process: as the hangup it is.
    static let hangupSignal: Int32 = 1

    /// Runs until `q`, Ctrl-C or a termination signal (`quitSignal` answers non-zero, polled at
    /// least every `inputPollLimit`); then ends the backend and shuts the host down.
    public func run<Backend: TerminalBackend>(on screen: Backend, quitSignal: () -> Int32 = { 0 }) -> Exit {
        let clock = ContinuousClock()
        let started = clock.now
        let interval = Duration.seconds(1) / options.framesPerSecond
        var nextFrame = clock.now
        var needsFrame = true
        // The host's revision the screen shows: while it stands still (paused, nothing pending)
        // a frame would draw the same screen, so none is built.
        var drawnRevision: Int?
        var signal: Int32 = 0
        loop: while true {
            signal = quitSignal()
            if signal != 0 { break }
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
            // Rounded up to the millisecond: truncating turned the last millisecond before each
            // frame into a loop of zero-timeout polls.
            var timeout = Duration.milliseconds((wait / .milliseconds(1)).rounded(.up))
            while let input = screen.read(timeout: timeout) {
                timeout = .zero
                switch input {
                case .resize:
                    needsFrame = true
                case .hangup:
                    // No terminal, no SIGHUP (a parent that ignores it, another session): end
                    // as a hangup would, rather than poll a dead terminal forever.
                    signal = Self.hangupSignal
                    break loop
                case .key(let key):
                    guard let model else { continue }
                    for action in state.handle(key, model: model, hits: hits) {
                        if !apply(action, screen: screen) { break loop }
                    }
                    needsFrame = true
                }
            }
        }
        screen.end()
        closingProblems = host.shutdown()
        return signal != 0 ? .signal(signal) : .quit
    }

    private func draw(on screen: some TerminalBackend) {
        if let comparing = host as? any ComparingDashboardHost {
            drawComparison(comparing, on: screen)
            return
        }
        let frame = host.frame()
        // The old model shares the channels' fill histories with the builder: dropped first,
        // the builder appends to them in place instead of copying each one.
        self.model = nil
        var model = builder.build(frame, state: state, themeName: theme.name)
        state.ensureFocus(model)
        model.header.themeName = theme.name
        model.scenarios = scenarios
        model.scenarioPickerOff = host.scenarioPickerOff
        self.model = model
        let size = screen.size
        var buffer = Buffer(width: size.width, height: size.height)
        var hits = HitMap()
        DashboardScreen(model: model, state: state, theme: theme).render(buffer.area, into: &buffer, hits: &hits)
        self.hits = hits
        screen.draw(buffer)
    }

    /// Carries out one action; false when the app should quit.
    private func apply(_ action: DashboardAction, screen: some TerminalBackend) -> Bool {
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
            comparedBuilder.reset()
            setStatus("restarted")
        case .nextTheme:
            // A broken theme is skipped, and said so in one line, rather than stopping `t` on it.
            let (next, skipped) = options.catalog.next(after: theme.name)
            theme = next
            screen.invalidate()
            let broken =
                skipped.first.map { " (skipped \($0.file): \($0.key.map { "\"\($0)\" " } ?? "")\($0.problem))" } ?? ""
            setStatus(
                "theme \(theme.name)" + (skipped.count > 1 ? " (skipped \(skipped.count) invalid themes)" : broken))
        case .command(let key, let focus):
            host.perform(key, focus: focus)
            if let comparing = host as? any ComparingDashboardHost, let status = comparing.status(after: key) {
                setStatus(status)
            }
        case .travel(let instant):
            let status = host.travel(to: instant)
            // The run is another one now (or further along): histories start over, as on `r`.
            builder.reset()
            setStatus(status)
        case .switchScenario(let scenario, let policy):
            let status = host.restart(scenario: scenario, policy: policy)
            builder.reset()
            comparedBuilder.reset()
            setStatus(status)
        case .say(let text):
            setStatus(text)
        }
        return true
    }

    private func setStatus(_ text: String) {
        state.status = Format.printable(text)
        statusExpiry = ContinuousClock.now.advanced(by: Self.statusDuration)
    }

    /// The compare screen: both sides' models, side A's the one keys act on (focus, selection,
    /// the commands offered), which the host then carries out on both sides.
    private func drawComparison(_ host: any ComparingDashboardHost, on screen: some TerminalBackend) {
        let frames = host.comparedFrames()
        self.model = nil
        var left = builder.build(frames[0], state: state, themeName: theme.name)
        let right = comparedBuilder.build(frames[1], state: state, themeName: theme.name)
        state.ensureFocus(left)
        left.header.themeName = theme.name
        left.scenarios = scenarios
        left.scenarioPickerOff = host.scenarioPickerOff
        self.model = left
        let size = screen.size
        var buffer = Buffer(width: size.width, height: size.height)
        var hits = HitMap()
        CompareScreen(left: left, right: right, state: state, theme: theme, note: host.compareNote)
            .render(buffer.area, into: &buffer, hits: &hits)
        self.hits = hits
        screen.draw(buffer)
    }

    /// A real Swift runtime trap (SIGILL or SIGTRAP, also in release builds), not a simulated
    /// signal: what the crash-restore path has to survive.
    private static func forcedCrash() -> Never {
        preconditionFailure("forced crash (STALLSCOPE_CRASH_AFTER_MS)")
    }
}
