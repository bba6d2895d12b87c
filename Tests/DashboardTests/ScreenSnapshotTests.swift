import Dashboard
import DashboardModel
import Testing

/// Every panel at 80x24, 120x40 and 200x60, busy and empty, compared as whole screens.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    func screen(
        _ model: DashboardViewModel, width: Int, height: Int, state: DashboardState = DashboardState(),
        theme: Theme = .dark
    ) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        var state = state
        state.ensureFocus(model)
        DashboardScreen(model: model, state: state, theme: theme).render(buffer.area, into: &buffer)
        return buffer
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func busyScreen(size: String) {
        let (width, height) = Self.parse(size)
        Snapshot.assert(screen(Fixtures.busy, width: width, height: height), named: "screen-busy-\(size)")
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func emptyScreen(size: String) {
        let (width, height) = Self.parse(size)
        Snapshot.assert(screen(Fixtures.empty, width: width, height: height), named: "screen-empty-\(size)")
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func bareScreenShowsOnlyTheHeaderEventsAndFooter(size: String) {
        let (width, height) = Self.parse(size)
        let buffer = screen(Fixtures.bare, width: width, height: height)
        Snapshot.assert(buffer, named: "screen-bare-\(size)")
        #expect(!buffer.text.contains("PERMITS"))
        #expect(!buffer.text.contains("WRITER"))
        #expect(buffer.text.contains("EVENTS"))
    }

    /// Each panel on its own at each width, so none is hidden by the screen layout.
    @Test(arguments: ["busy", "empty"], [80, 120, 200])
    func panelsAlone(fixture: String, width: Int) {
        let model = fixture == "busy" ? Fixtures.busy : Fixtures.empty
        let theme = Theme.dark
        let panels: [(Int, (inout Buffer, Rect) -> Void)] = [
            (
                PermitsPanel.preferredHeight(model.permits!, screenHeight: 40),
                { PermitsPanel(model: model.permits!, theme: theme).render($1, into: &$0) }
            ),
            (
                ChannelsPanel.preferredHeight(model.channels!),
                { ChannelsPanel(model: model.channels!, theme: theme).render($1, into: &$0) }
            ),
            (
                StreamsPanel.preferredHeight(model.streams!),
                { StreamsPanel(model: model.streams!, theme: theme).render($1, into: &$0) }
            ),
            (WriterPanel.preferredHeight, { WriterPanel(model: model.writer!, theme: theme).render($1, into: &$0) }),
            (TrustPanel.preferredHeight, { TrustPanel(model: model.trust!, theme: theme).render($1, into: &$0) }),
            (
                TransportPanel.preferredHeight,
                { TransportPanel(model: model.transport!, theme: theme).render($1, into: &$0) }
            ),
            (8, { EventsPanel(model: model.events!, theme: theme).render($1, into: &$0) }),
        ]
        var buffer = Buffer(width: width, height: panels.reduce(0) { $0 + $1.0 }, filling: Cell("·"))
        var y = 0
        for (height, render) in panels {
            render(&buffer, Rect(x: 0, y: y, width: width, height: height))
            y += height
        }
        Snapshot.assert(buffer, named: "panels-\(fixture)-\(width)")
    }

    /// 20,000 peer channels: the listed rows, then one line for the rest with the fullest.
    @Test func channelsBeyondTheListShowAsOneSummaryLine() {
        func row(_ name: String, _ length: Int) -> ChannelRow {
            ChannelRow(
                name: name, length: length, reserved: 0, capacity: 2048, highWater: length, fullPerSecond: 0,
                waitingSenders: 0, isClosed: false, fillHistory: [0])
        }
        let model = ChannelsViewModel(
            rows: [row("peer[17].in", 2048), row("listener.nat", 40)],
            remainder: .init(count: 19_998, full: 0, fullest: row("peer[9].in", 3)))
        var buffer = Buffer(width: 80, height: ChannelsPanel.preferredHeight(model))
        ChannelsPanel(model: model, theme: .dark).render(buffer.area, into: &buffer)
        #expect(buffer.line(0).contains("1 full"))
        #expect(buffer.line(0).contains("20000 channels"))
        #expect(buffer.line(2).contains("peer[17].in"))
        #expect(buffer.line(3).contains("listener.nat"))
        #expect(buffer.line(4).contains("+ 19998 more, fullest peer[9].in 3/2048"))
    }

    /// `/` on the channels panel: the prompt in the footer, the filter in the panel's title, only
    /// the matching rows, and the summary line counting only matching channels.
    @Test func channelFilterPromptTitleAndSummary() {
        func row(_ name: String, _ length: Int) -> ChannelRow {
            ChannelRow(
                name: name, length: length, reserved: 0, capacity: 2048, highWater: length, fullPerSecond: 0,
                waitingSenders: 0, isClosed: false, fillHistory: [0, 0.5, 1])
        }
        var model = Fixtures.busy
        model.channels = ChannelsViewModel(
            rows: [row("peer[17].in", 2048), row("peer[1].in", 12), row("peer[10].in", 0)],
            remainder: .init(count: 1108, full: 0, fullest: row("peer[1999].in", 3)), filter: "peer[1")
        var state = DashboardState()
        state.focus = .channels
        state.filteredPanel = .channels
        state.isEditingFilter = true
        state.channelFilter = "peer[1"
        let buffer = screen(model, width: 120, height: 40, state: state)
        #expect(buffer.text.contains("CHANNELS /peer[1_"))
        #expect(buffer.text.contains("1 full  1111 matching"))
        #expect(buffer.text.contains("+ 1108 more, fullest peer[1999].in 3/2048"))
        #expect(buffer.line(39).contains("filter channels: peer[1_"))
        #expect(!buffer.line(39).contains("quit"), "keys type into the prompt: q is no command there")
        Snapshot.assert(buffer, named: "screen-channel-filter-120x40")
        // Kept (Enter): the title still says the panel is narrowed, the footer is the usual one.
        state.isEditingFilter = false
        let kept = screen(model, width: 120, height: 40, state: state)
        #expect(kept.text.contains("CHANNELS /peer[1 ") && kept.line(39).contains("quit"))
        // Nothing matches: the panel says so.
        model.channels = ChannelsViewModel(rows: [], filter: "zzz")
        #expect(screen(model, width: 120, height: 40, state: state).text.contains("no channel name contains \"zzz\""))
    }

    @Test func tooSmallNamesTheSizeNeeded() {
        let buffer = screen(Fixtures.busy, width: 60, height: 15)
        #expect(buffer.text.contains("Terminal too small: 60x15"))
        #expect(buffer.text.contains("needs at least 80x24"))
        #expect(buffer.text.contains("press q to quit"))
        #expect(!buffer.text.contains("PERMITS"))
        Snapshot.assert(buffer, named: "screen-too-small-60x15")
    }

    @Test func busyScreenCarriesTheStallInColor() {
        let theme = Theme.dark
        let buffer = screen(Fixtures.busy, width: 120, height: 40)
        func cell(containing text: String) -> Cell? {
            for y in 0..<buffer.height {
                let line = buffer.line(y)
                guard let range = line.range(of: text) else { continue }
                return buffer[
                    line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound), y]
            }
            return nil
        }
        #expect(cell(containing: "FULL 2048")?.style.foreground == theme[.critical])
        #expect(cell(containing: "read #17 holding")?.style.foreground == theme[.critical])
        #expect(cell(containing: "2 warnings")?.style.foreground == theme[.critical])
        #expect(cell(containing: "RUNNING")?.style.foreground == theme[.ok])
    }

    @Test func aServiceAttachedToShowsNoSeedNorSpeed() {
        var model = Fixtures.bare
        let driven = screen(model, width: 120, height: 40, state: DashboardState(), theme: .monochrome)
        #expect(driven.line(0).contains("seed") && driven.line(39).contains("speed"))
        model.header.isDriven = false
        let attached = screen(model, width: 120, height: 40, state: DashboardState(), theme: .monochrome)
        #expect(!attached.line(0).contains("seed") && !attached.line(0).contains(Format.speed(model.header.speed)))
        #expect(!attached.line(39).contains("speed") && attached.line(39).contains("pause"))
    }

    @Test func pausedHeaderAndMonochromeSelection() {
        var model = Fixtures.busy
        model.header.isPaused = true
        var state = DashboardState()
        state.focus = .channels
        state.selection[.channels] = 1
        let buffer = screen(model, width: 120, height: 40, state: state, theme: .monochrome)
        #expect(buffer.line(0).contains("PAUSED"))
        model.header.hasEnded = true
        let ended = screen(model, width: 120, height: 40, state: state, theme: .monochrome)
        #expect(ended.line(0).contains("END") && !ended.line(0).contains("PAUSED"))
        // Without colors the selection is reverse video and focus is bold.
        let row = (0..<buffer.height).first { buffer.line($0).contains("peer[3].in") }!
        #expect(buffer[2, row].style.attributes.contains(.reverse))
        #expect(
            buffer.cells.allSatisfy {
                $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault
            })
    }

    @Test func helpAndFooterListOnlySupportedCommands() {
        var model = Fixtures.busy
        model.commands = [Fixtures.stuckReader]
        var state = DashboardState()
        state.isShowingHelp = true
        let buffer = screen(model, width: 120, height: 40, state: state)
        #expect(buffer.text.contains("inject a stuck reader"))
        #expect(!buffer.text.contains("hang / unhang the backend"))
        #expect(buffer.line(39).contains("s stuck reader"))
        #expect(!buffer.line(39).contains("hang backend"))
        Snapshot.assert(buffer, named: "screen-help-120x40")
    }

    /// The smallest screen still lists every key the host supports.
    @Test func helpFitsEveryKeyAt80x24() {
        var model = Fixtures.busy
        model.commands = Fixtures.allCommands
        var state = DashboardState()
        state.isShowingHelp = true
        let buffer = screen(model, width: 80, height: 24, state: state)
        let screenSections = DashboardScreen(model: model, state: state, theme: .dark).helpSections
        for hint in screenSections.flatMap(\.hints) {
            #expect(buffer.text.contains(hint.label), "\(hint.key) \(hint.label)")
        }
    }

    @Test func detailOverlayShowsTheFocusedItem() {
        var state = DashboardState()
        state.focus = .permits
        state.isShowingDetail = true
        let buffer = screen(Fixtures.busy, width: 120, height: 40, state: state)
        #expect(buffer.text.contains("cold.read-permits"))
        #expect(buffer.text.contains("writer drain"))
        #expect(buffer.text.contains("23 permits for 3.2s"))
    }

    static func parse(_ size: String) -> (Int, Int) {
        let parts = size.split(separator: "x").map { Int($0)! }
        return (parts[0], parts[1])
    }
}
