/// The whole screen from a view model: header, panels laid out for the size, footer, and the
/// help, detail or too-small overlays. Pure: the same inputs draw the same buffer.
public struct DashboardScreen: Widget {
    /// Below this the panels cannot be read; a centered message says what is needed.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// Two columns of panels from this width on.
    public static let twoColumnWidth = 120

    public var model: DashboardViewModel
    public var state: DashboardState
    public var theme: Theme

    public init(model: DashboardViewModel, state: DashboardState, theme: Theme) {
        self.model = model
        self.state = state
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        var hits = HitMap()
        render(area, into: &buffer, hits: &hits)
    }

    /// Draws the screen and records in `hits` where its panels, rows, timeline and overlays went,
    /// for the mouse (`DashboardState.handle`).
    public func render(_ area: Rect, into buffer: inout Buffer, hits: inout HitMap) {
        buffer.fill(area, style: theme.text)
        guard area.width >= Self.minimumWidth, area.height >= Self.minimumHeight else {
            CenteredMessage(lines: [
                TextLine("Terminal too small: \(area.width)x\(area.height)", theme.style(.critical)),
                TextLine("stallscope needs at least \(Self.minimumWidth)x\(Self.minimumHeight)", theme.text),
                TextLine("resize the window, or press q to quit", theme.style(.muted)),
            ]).render(area, into: &buffer)
            return
        }
        HeaderPanel(model: model.header, theme: theme).render(area.row(0), into: &buffer)
        let strip = model.timeline == nil ? 0 : 1
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2 - strip)
        if let timeline = model.timeline {
            let strip = TimelineStrip(model: timeline, theme: theme)
            strip.render(area.row(area.height - 2), into: &buffer)
            if let track = strip.track(area.row(area.height - 2)) { hits.add(track, .timeline(end: timeline.end)) }
        }
        renderPanels(in: body, screenHeight: area.height, into: &buffer, hits: &hits)
        KeyHintFooter(
            hints: footerHints, pinned: pinnedHints, status: state.status, prompt: filterPrompt, theme: theme
        )
        .render(area.row(area.height - 1), into: &buffer)
        if state.isShowingDetail {
            let detail = DetailView.lines(
                model, panel: state.focus, row: state.selection[state.focus] ?? 0, theme: theme)
            let width = Swift.min(area.width - 4, Swift.max(50, (detail.lines.map(\.width).max() ?? 0) + 4))
            let box = area.centered(width: width, height: Swift.min(area.height - 2, detail.lines.count + 2))
            Panel(title: detail.title, note: "esc closes", isFocused: true, theme: theme).render(box, into: &buffer)
            hits.add(box, .overlay)
            let inner = Panel.inner(box).inset(horizontal: 1)
            for (index, line) in detail.lines.enumerated() where index < inner.height {
                line.render(inner.row(index), into: &buffer)
            }
        }
        renderOverlays(area, into: &buffer, hits: &hits)
    }

    /// The picker and help, over everything (the compare screen draws them too).
    func renderOverlays(_ area: Rect, into buffer: inout Buffer, hits: inout HitMap) {
        if let picker = state.picker {
            ScenarioPicker(
                choices: model.scenarios, state: picker, currentScenario: model.header.scenario, theme: theme
            ).render(area, into: &buffer, hits: &hits)
        }
        if state.isShowingHelp {
            HelpOverlay(sections: helpSections, theme: theme).render(area, into: &buffer)
            hits.add(area, .overlay)
        }
    }

    /// Where each visible panel goes. Wide screens: the cold/channel/stream panels on the left,
    /// writer/trust/transport on the right, events below. Narrow: one column, with the three
    /// small panels side by side in one band.
    public func layout(_ body: Rect, screenHeight: Int) -> [(PanelID, Rect)] {
        let left = [PanelID.permits, .channels, .streams].filter(model.visiblePanels.contains)
        let right = [PanelID.writer, .trust, .transport].filter(model.visiblePanels.contains)
        let hasEvents = model.events != nil
        guard !left.isEmpty || !right.isEmpty else { return hasEvents ? [(.events, body)] : [] }
        let eventsMinimum = hasEvents ? Swift.max(5, body.height / 4) : 0
        let upperLimit = body.height - eventsMinimum
        var placed: [(PanelID, Rect)] = []
        var upperHeight: Int
        if body.width >= Self.twoColumnWidth && !left.isEmpty && !right.isEmpty {
            var leftHeights = left.map { preferredHeight($0, screenHeight) }
            var rightHeights = right.map { preferredHeight($0, screenHeight) }
            upperHeight = Swift.min(upperLimit, Swift.max(leftHeights.reduce(0, +), rightHeights.reduce(0, +)))
            leftHeights = Self.fit(
                left, preferred: leftHeights, minimum: left.map(minimumHeight), available: upperHeight)
            rightHeights = Self.fit(
                right, preferred: rightHeights, minimum: right.map(minimumHeight), available: upperHeight)
            let upper = Rect(x: body.x, y: body.y, width: body.width, height: upperHeight)
            let columns = Layout.horizontal([.percentage(62), .fill(1)]).split(upper)
            placed += zip(left, Layout.vertical(stretchLast(leftHeights)).split(columns[0])).map { ($0, $1) }
            placed += zip(right, Layout.vertical(stretchLast(rightHeights)).split(columns[1])).map { ($0, $1) }
        } else {
            let band = right.isEmpty ? 0 : right.map { preferredHeight($0, screenHeight) }.max() ?? 0
            let heights = left.map { preferredHeight($0, screenHeight) } + (band > 0 ? [band] : [])
            let minimums = left.map(minimumHeight) + (band > 0 ? [Self.minimumPanelHeight] : [])
            upperHeight = Swift.min(upperLimit, heights.reduce(0, +))
            let upper = Rect(x: body.x, y: body.y, width: body.width, height: upperHeight)
            // The band of small panels stands for them all as `.writer`.
            let panels = left + (band > 0 ? [PanelID.writer] : [])
            let fitted = Self.fit(panels, preferred: heights, minimum: minimums, available: upperHeight)
            let rows = Layout.vertical(fitted.map { .length($0) }).split(upper)
            placed += zip(left, rows).map { ($0, $1) }
            if band > 0, let bandRect = rows.last {
                let cells = Layout.horizontal(right.map { _ in .fill(1) }).split(bandRect)
                placed += zip(right, cells).map { ($0, $1) }
            }
        }
        if hasEvents {
            placed.append(
                (
                    .events,
                    Rect(x: body.x, y: body.y + upperHeight, width: body.width, height: body.height - upperHeight)
                ))
        }
        return placed
    }

    /// The panels alone, laid out in `body` as on a screen `screenHeight` tall: what the compare
    /// screen draws for each side, in a rect of its own.
    public func renderPanels(in body: Rect, screenHeight: Int, into buffer: inout Buffer, hits: inout HitMap) {
        for (panel, rect) in layout(body, screenHeight: screenHeight) where rect.height >= 3 {
            renderPanel(panel, rect, into: &buffer)
            hits.add(rect, .panel(panel))
            for (row, line) in rowRects(panel, rect, screenHeight: buffer.height) {
                hits.add(line, .row(panel, row: row))
            }
        }
    }

    /// Where the rows of `panel` drawn in `rect` are (none for the panels without rows).
    private func rowRects(_ panel: PanelID, _ rect: Rect, screenHeight: Int) -> [(row: Int, rect: Rect)] {
        let selected = state.selected(panel)
        return switch panel {
        case .permits:
            model.permits.map {
                PermitsPanel(model: $0, theme: theme, selected: selected).rowRects(rect, screenHeight: screenHeight)
            } ?? []
        case .channels:
            model.channels.map { ChannelsPanel(model: $0, theme: theme, selected: selected).rowRects(rect) } ?? []
        case .streams:
            model.streams.map { StreamsPanel(model: $0, theme: theme, selected: selected).rowRects(rect) } ?? []
        case .events: model.events.map { EventsPanel(model: $0, theme: theme, selected: selected).rowRects(rect) } ?? []
        case .writer, .trust, .transport: []
        }
    }

    /// A panel's border and one line.
    static let minimumPanelHeight = 3

    /// Which panels get room first when not all fit their preferred heights: the small ones
    /// whose rows cannot scroll away (the writer/trust/transport band, streams), then the
    /// permit holders (who blocks a drain), and last the channels, whose most pressing rows
    /// are on top and the rest scroll.
    static let growthPriority: [PanelID] = [.writer, .streams, .permits, .channels]

    /// Heights that fit `available`: the preferred ones when they fit; otherwise each panel gets
    /// its minimum and the rest goes to the panels in `growthPriority` order, each up to its
    /// preferred height. When not even the minimums fit, `share`.
    static func fit(_ panels: [PanelID], preferred: [Int], minimum: [Int], available: Int) -> [Int] {
        guard preferred.reduce(0, +) > available else { return preferred }
        var heights = zip(preferred, minimum).map { Swift.min($0, $1) }
        var left = available - heights.reduce(0, +)
        guard left >= 0 else { return share(preferred, available: available) }
        let order = panels.indices.sorted {
            (growthPriority.firstIndex(of: panels[$0]) ?? 0, $0) < (growthPriority.firstIndex(of: panels[$1]) ?? 0, $1)
        }
        for index in order {
            let grant = Swift.min(left, preferred[index] - heights[index])
            heights[index] += grant
            left -= grant
        }
        return heights
    }

    /// Heights that fit `available` when not even the minimums do: every panel gets its border
    /// and a line, and the rest goes one row at a time to those wanting more, so a small screen
    /// shows every panel a little rather than some panels not at all.
    static func share(_ preferred: [Int], available: Int) -> [Int] {
        guard preferred.reduce(0, +) > available else { return preferred }
        var heights = preferred.map { Swift.min($0, minimumPanelHeight) }
        var left = available - heights.reduce(0, +)
        while left > 0 {
            var gave = false
            for index in heights.indices where left > 0 && heights[index] < preferred[index] {
                heights[index] += 1
                left -= 1
                gave = true
            }
            if !gave { break }
        }
        return heights
    }

    private func stretchLast(_ heights: [Int]) -> [Constraint] {
        heights.enumerated().map { index, height in index == heights.count - 1 ? .min(height) : .length(height) }
    }

    private func preferredHeight(_ panel: PanelID, _ screenHeight: Int) -> Int {
        switch panel {
        case .permits: model.permits.map { PermitsPanel.preferredHeight($0, screenHeight: screenHeight) } ?? 0
        case .channels: model.channels.map { ChannelsPanel.preferredHeight($0, screenHeight: screenHeight) } ?? 0
        case .streams: model.streams.map(StreamsPanel.preferredHeight) ?? 0
        case .writer: WriterPanel.preferredHeight
        case .trust: TrustPanel.preferredHeight
        case .transport: TransportPanel.preferredHeight
        case .events: 0
        }
    }

    /// The least a panel needs to say what it is about: every pool's line, a few channels, a
    /// stream.
    private func minimumHeight(_ panel: PanelID) -> Int {
        switch panel {
        case .permits: model.permits.map { PermitsPanel.minimumHeight($0) } ?? 0
        case .channels: model.channels.map { 3 + Swift.min($0.rows.count, ChannelsPanel.minimumRows) } ?? 0
        case .streams: model.streams.map { 3 + Swift.min($0.rows.count, 1) } ?? 0
        case .writer, .trust, .transport, .events: Self.minimumPanelHeight
        }
    }

    private func renderPanel(_ panel: PanelID, _ rect: Rect, into buffer: inout Buffer) {
        let focused = state.focus == panel
        let selected = state.selected(panel)
        switch panel {
        case .permits:
            model.permits.map {
                PermitsPanel(model: $0, theme: theme, isFocused: focused, selected: selected).render(
                    rect, into: &buffer)
            }
        case .channels:
            model.channels.map {
                ChannelsPanel(
                    model: $0, theme: theme, isFocused: focused, selected: selected,
                    isEditingFilter: state.isEditingFilter && state.filteredPanel == .channels
                )
                .render(rect, into: &buffer)
            }
        case .streams:
            model.streams.map {
                StreamsPanel(model: $0, theme: theme, isFocused: focused, selected: selected).render(
                    rect, into: &buffer)
            }
        case .writer:
            model.writer.map { WriterPanel(model: $0, theme: theme, isFocused: focused).render(rect, into: &buffer) }
        case .trust:
            model.trust.map { TrustPanel(model: $0, theme: theme, isFocused: focused).render(rect, into: &buffer) }
        case .transport:
            model.transport.map {
                TransportPanel(model: $0, theme: theme, isFocused: focused).render(rect, into: &buffer)
            }
        case .events:
            model.events.map {
                EventsPanel(
                    model: $0, theme: theme, isFocused: focused, selected: selected,
                    isEditingFilter: state.isEditingFilter && state.filteredPanel == .events
                )
                .render(rect, into: &buffer)
            }
        }
    }

    /// The `/` prompt while a filter is typed: which panel it narrows and the text so far.
    public var filterPrompt: String? {
        guard state.isEditingFilter else { return nil }
        let panel = state.filteredPanel == .channels ? "channels" : "events"
        return "filter \(panel): \(Format.printable(state.editedFilter))_"
    }

    /// The footer: the host's fault keys first (what a demo presses), then the common keys.
    public var footerHints: [KeyHint] {
        if state.isEditingFilter {
            return [KeyHint("enter", "keep"), KeyHint("esc", "clear"), KeyHint("bksp", "edit")]
        }
        return model.commands.map { KeyHint(String($0.key), $0.label) } + [
            KeyHint("space", model.header.isPaused ? "resume" : "pause")
        ] + (model.header.isDriven ? [KeyHint("+/-", "speed")] : [])
            + (model.timeline == nil ? [] : [KeyHint("[ ]", "back/fwd"), KeyHint("{ }", "marks")])
            + (model.scenarios.isEmpty ? [] : [KeyHint("p", "scenario")])
    }

    /// Hints the footer keeps whatever the width.
    public var pinnedHints: [KeyHint] {
        state.isEditingFilter ? [] : [KeyHint("?", "help"), KeyHint("q", "quit")]
    }

    /// Every key, for `?`: only the commands the host supports are listed.
    public var helpSections: [HelpOverlay.Section] {
        var sections = [
            HelpOverlay.Section(
                "run",
                [
                    KeyHint("space", "pause / resume virtual time"), KeyHint(".", "single step while paused"),
                    KeyHint("+ -", "faster / slower"), KeyHint("r", "restart the scenario, same seed"),
                ] + (model.scenarios.isEmpty ? [] : [KeyHint("p", "pick another scenario and policy, same seed")])),
            HelpOverlay.Section(
                "view",
                [
                    KeyHint("tab", "next panel (shift-tab back, or click)"),
                    KeyHint("j k", "move in the panel (arrows, wheel, click)"),
                    KeyHint("enter", "detail of the focused item"), KeyHint("/", "filter channels or events by name"),
                    KeyHint("t", "next theme"), KeyHint("?", "this help"), KeyHint("q", "quit"),
                ]),
        ]
        if model.timeline != nil {
            let step = "\(DashboardState.travelStep.components.seconds) s"
            sections.insert(
                HelpOverlay.Section(
                    "time",
                    [
                        KeyHint("[ ]", "back / forward \(step) of virtual time"),
                        KeyHint("{ }", "previous / next mark (or click the strip)"), KeyHint("W", "first warning"),
                    ]), at: 1)
        }
        if !model.commands.isEmpty {
            sections.insert(
                HelpOverlay.Section("faults", model.commands.map { KeyHint(String($0.key), $0.help) }), at: 0)
        }
        return sections
    }
}
