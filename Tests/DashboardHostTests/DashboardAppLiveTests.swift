import Backpressure
import Dashboard
import DashboardHost
import DashboardModel
import Engine
import Foundation
import Scenarios
import Testing

/// The app loop on the `TestBackend`, with the real engine host: the keys `Tests/e2e/run.sh`
/// sends in tmux, and what it checks on the screens. "Live": the loop paces frames on the wall
/// clock and the host's driver runs on its own thread, so the suite runs in the real-executor
/// pass. The host starts paused at virtual time zero, so the single step is deterministic; every
/// other wait is on a screen condition with a deadline, never a fixed sleep.
@Suite struct DashboardAppLiveTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The loop on a thread of its own, as `stallscope` runs it on the main thread.
    final class Session: @unchecked Sendable {
        // @unchecked: `app` is touched only by the loop's thread once it started; `exit` is locked.
        let backend: TestBackend
        let host: RuntimeHost
        private let app: DashboardApp
        private let exit = LockedState<DashboardApp.Exit?>(nil)
        private let done = DispatchSemaphore(value: 0)

        /// With `switchesScenarios`, the host builds any scenario of the catalog (the picker is on).
        init(
            width: Int = 120, height: Int = 40, switchesScenarios: Bool = false,
            quitSignal: @escaping @Sendable () -> Int32 = { 0 }
        ) throws {
            let scenario = try ScenarioCatalog.named("steady")
            let settings = RuntimeHost.Settings(
                scenario: scenario.name, policy: .fixed, seed: 7, speed: 1, frameInterval: .milliseconds(100),
                startsPaused: true)
            if switchesScenarios {
                host = RuntimeHost(settings: settings) { (name: String, policy: PolicySelection, _: Int) in
                    try! EngineWorkload(
                        scenario: try! ScenarioCatalog.named(name), policy: policy, seed: 7, overrides: [])
                }
            } else {
                host = RuntimeHost(settings: settings) { policy, _ in
                    try! EngineWorkload(scenario: scenario, policy: policy, seed: 7, overrides: [])
                }
            }
            backend = TestBackend(width: width, height: height)
            let catalog = ThemeCatalog(directories: [
                DashboardAppLiveTests.repository.appendingPathComponent("themes").path
            ])
            app = DashboardApp(
                host: host, options: DashboardOptions(framesPerSecond: 10, theme: .dark, catalog: catalog))
            let thread = Thread { [self] in
                let result = app.run(on: backend, quitSignal: quitSignal)
                exit.withLock { $0 = result }
                done.signal()
            }
            thread.start()
        }

        /// How the loop ended, once it has (at most `timeout` of wall time).
        func result(timeout: Duration = .seconds(30)) -> DashboardApp.Exit? {
            guard done.wait(timeout: .now() + .milliseconds(Int(timeout / .milliseconds(1)))) == .success else {
                return nil
            }
            return exit.withLock { $0 }
        }

        var screen: String { backend.lines.joined(separator: "\n") }
        var header: String { backend.lines.first ?? "" }

        /// The header's virtual time to the millisecond (shown while paused).
        var preciseTime: String? {
            header.firstMatch(of: /t=[0-9]{2}:[0-9]{2}\.[0-9]{3}/).map { String($0.output) }
        }

        /// The panel whose title is drawn reversed: the focused one.
        var focusedPanel: PanelID? {
            guard let buffer = backend.buffer else { return nil }
            for panel in PanelID.allCases {
                let title = panel == .events ? "EVENTS" : panel.title
                for (y, line) in backend.lines.enumerated() {
                    guard let range = line.range(of: " \(title) ") else { continue }
                    let x = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                    if buffer[x, y].style.attributes.contains(.reverse) { return panel }
                }
            }
            return nil
        }
    }

    @Test func theEndToEndKeysOnTheTestBackend() throws {
        let session = try Session()
        let backend = session.backend

        // Panels shown at 120x40; a paused start shows the clock to the millisecond.
        try #require(
            backend.waitFor("PERMITS") && backend.waitFor("CHANNELS") && backend.waitFor("EVENTS"), "\(session.screen)")
        #expect(backend.buffer?.width == 120 && backend.buffer?.height == 40)
        #expect(session.header.contains("PAUSED") && session.preciseTime == "t=00:00.000", "\(session.header)")

        // '.' steps while paused, to the next instant something is due, and stays paused. The
        // first instants due may be at zero itself (the timeline's start, the detector's first
        // sample): step until the clock moves, a few presses at most.
        var presses = 0
        repeat {
            backend.type(".")
            presses += 1
        } while !backend.waitForScreen(timeout: .seconds(2), { !($0.first ?? "").contains("t=00:00.000") })
            && presses < 5
        #expect(session.header.contains("PAUSED") && !session.header.contains("t=00:00.000"), "\(session.header)")
        let stepped = try #require(session.preciseTime)

        // Space runs (virtual time moves), space pauses again.
        backend.type(" ")
        #expect(backend.waitFor("RUNNING") && backend.waitFor(" 1.0x "), "\(session.header)")
        #expect(backend.waitForScreen { ($0.first ?? "").contains("t=00:01") }, "running: virtual time moves")
        backend.type(" ")
        #expect(backend.waitFor("PAUSED"), "\(session.header)")
        #expect(session.preciseTime.map { $0 > stepped } == true)

        // '+' doubles the speed.
        backend.type("+")
        #expect(backend.waitFor(" 2.0x "), "\(session.header)")

        // '?' lists every key: the host's fault keys and the UI's own; any key closes it.
        backend.type("?")
        #expect(backend.waitFor("single step while paused"))
        let offered = session.host.frame().commands
        #expect(
            offered.map(\.key) == ["s", "S", "b", "x", "w", "n", "f", "l", "d", "c", "g"], "steady runs every subsystem"
        )
        let builtIn = [
            "pause / resume virtual time", "faster / slower", "restart the scenario, same seed",
            "next panel (shift-tab back, or click)", "detail of the focused item", "filter channels or events by name",
            "next theme", "this help", "quit",
        ]
        for help in offered.map(\.help) + builtIn { #expect(session.screen.contains(help), "\(help)") }
        backend.send(.escape)
        #expect(
            backend.waitForScreen { !$0.joined().contains("single step while paused") } && backend.waitFor("PERMITS"))

        // Tab moves the focus from the events panel (the start) to the first panel.
        try #require(backend.waitUntilDrained())
        #expect(session.focusedPanel == .events)
        backend.send(.tab)
        #expect(backend.waitUntilDrained() && session.focusedPanel == .permits)
        backend.send(.backTab)
        #expect(backend.waitUntilDrained() && session.focusedPanel == .events)

        // '/' filters the events as it is typed; esc clears it.
        backend.type("/started")
        #expect(backend.waitFor("/started_  "), "\(session.screen)")
        #expect(session.screen.contains("started steady (seed 7, policy fixed)"))
        backend.send(.enter)
        #expect(backend.waitFor("/started  "))
        backend.send(.escape)
        #expect(backend.waitForScreen { !$0.joined().contains("/started") })

        // 't' loads the next theme and redraws everything.
        let next = try #require(
            ThemeCatalog(directories: [Self.repository.appendingPathComponent("themes").path]).names()
                .drop { $0 != "dark" }.dropFirst().first)
        backend.type("t")
        #expect(backend.waitFor("theme \(next)"), "\(session.screen)")
        #expect(backend.invalidateCount == 1)

        // Resizes: the smallest screen that works, one too small (with its message), and back.
        backend.resize(width: 80, height: 24)
        #expect(backend.waitForBuffer { $0.width == 80 && $0.height == 24 && $0.text.contains("PERMITS") })
        #expect(session.screen.contains("PERMITS") && session.screen.contains("EVENTS"))
        backend.resize(width: 60, height: 15)
        #expect(backend.waitFor("Terminal too small: 60x15") && backend.waitFor("at least 80x24"))
        backend.resize(width: 120, height: 40)
        #expect(backend.waitForScreen { !$0.joined().contains("too small") } && backend.waitFor("PERMITS"))

        // 'q' quits: the loop returns, the backend is ended (the host is shut down with it).
        backend.type("q")
        #expect(session.result() == .quit)
        #expect(backend.isEnded)
    }

    /// Where `text` is first drawn on the screen: its column and row.
    static func position(of text: String, in lines: [String]) -> (x: Int, y: Int)? {
        for (y, line) in lines.enumerated() {
            if let range = line.range(of: text) {
                return (line.distance(from: line.startIndex, to: range.lowerBound), y)
            }
        }
        return nil
    }

    /// Mouse presses through the loop, as the curses backend delivers them (`Tests/e2e/run.sh`
    /// cannot click: tmux sends mouse input only from an attached client): a press on a panel's
    /// title focuses it, on an event's line selects it, on the timeline's first cell goes back to
    /// the run's start.
    @Test func clicksFocusSelectAndTravel() throws {
        let session = try Session()
        let backend = session.backend
        try #require(backend.waitFor("CHANNELS") && backend.waitFor("started steady"), "\(session.screen)")
        #expect(session.focusedPanel == .events)
        let channels = try #require(Self.position(of: " CHANNELS ", in: backend.lines))
        backend.click(x: channels.x + 2, y: channels.y)
        try #require(backend.waitUntilDrained())
        #expect(session.focusedPanel == .channels, "\(session.screen)")

        // The event's line: the events panel takes the focus and that line the highlight.
        let started = try #require(Self.position(of: "started steady", in: backend.lines))
        backend.click(x: started.x, y: started.y)
        try #require(backend.waitUntilDrained())
        #expect(session.focusedPanel == .events)
        let highlighted = try #require(backend.buffer)[started.x, started.y].style
        #expect(highlighted == Theme.dark.highlighted(highlighted), "the pressed line is the selected one")

        session.host.runAhead(to: .seconds(20))
        try #require(backend.waitFor("t=00:20.000"), "\(session.header)")
        let strip = try #require(Self.position(of: " 00:20.0 / 00:20.0 ", in: backend.lines))
        backend.click(x: strip.x + " 00:20.0 / 00:20.0 ".count, y: strip.y)
        #expect(backend.waitFor("t=00:00.000"), "\(session.header)")
        #expect(backend.waitFor("back to t=00:00.000"), "\(session.screen)")

        backend.type("q")
        #expect(session.result() == .quit)
    }

    /// The picker through the loop: `p`, down to a scenario, right to its next policy, enter; the
    /// header names them.
    @Test func thePickerRestartsWithTheChosenScenario() throws {
        let session = try Session(switchesScenarios: true)
        let backend = session.backend
        try #require(backend.waitFor("CHANNELS"))
        backend.type("p")
        try #require(backend.waitFor("what it shows") && backend.waitFor("◀ fixed ▶"), "\(session.screen)")
        let target = try #require(ScenarioChoice.catalog.firstIndex { $0.name == "cold-stuck-reader" })
        for _ in 0..<target { backend.send(.down) }
        backend.send(.right)
        #expect(backend.waitFor("◀ legacy ▶"), "\(session.screen)")
        backend.send(.enter)
        #expect(
            backend.waitForScreen { ($0.first ?? "").contains("cold-stuck-reader  policy legacy") },
            "\(session.header)")
        #expect(!session.screen.contains("what it shows"), "closed")
        #expect(session.host.frame().scenario == "cold-stuck-reader")
        backend.type("q")
        #expect(session.result() == .quit)
    }

    /// `q` still quits on a screen too small to draw the dashboard.
    @Test func quitsFromTheTooSmallScreen() throws {
        let session = try Session(width: 60, height: 15)
        #expect(session.backend.waitFor("Terminal too small: 60x15"))
        session.backend.type("q")
        #expect(session.result() == .quit)
    }

    /// A termination signal (Terminal passes the one CTerminalRestore caught) ends the loop and
    /// comes back to the caller to re-raise once the terminal is restored.
    @Test func aQuitSignalEndsTheLoop() throws {
        let raised = LockedState(false)
        let session = try Session(quitSignal: { raised.withLock { $0 } ? 15 : 0 })
        #expect(session.backend.waitFor("PERMITS"))
        raised.withLock { $0 = true }
        #expect(session.result() == .signal(15))
        #expect(session.backend.isEnded)
    }
}
