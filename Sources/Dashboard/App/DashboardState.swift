/// The UI's own state (focus, selection, overlays, the event filter) and the key handling that
/// changes it. A state machine in the STYLE.md sense: `handle` mutates the state and returns the
/// actions for the app to carry out, so every key is testable without a terminal.
public struct DashboardState: Equatable, Sendable {
    public var focus: PanelID = .events
    public var selection: [PanelID: Int] = [:]
    public var isShowingHelp = false
    public var isShowingDetail = false
    /// The events panel's filter (message, subsystem or level).
    public var filter = ""
    /// The channels panel's filter: channels whose name contains it, ignoring case.
    public var channelFilter = ""
    /// The footer's filter prompt is open: keys type into `filteredPanel`'s filter, none is a
    /// command.
    public var isEditingFilter = false
    /// The panel the prompt filters: the channels panel when it had the focus on `/`, else
    /// the events panel (the focused list is the one narrowed, as in k9s).
    public var filteredPanel: PanelID = .events
    /// Set by `r` until the next frame, for the footer's status.
    public var status: String?
    /// The scenario picker (`p`), while it is open: keys move in it until enter or esc.
    public var picker: ScenarioPickerState?

    public init() {}

    public func selected(_ panel: PanelID) -> Int? { focus == panel ? selection[panel] ?? 0 : nil }

    /// The characters the UI acts on itself (`handle` below): a host's commands must use others,
    /// or they would never reach it.
    public static let ownKeys: Set<Character> = [
        "q", "?", " ", ".", "+", "=", "-", "_", "r", "t", "/", "j", "k", "[", "]", "{", "}", "W", "p",
    ]

    /// How far `[` and `]` move the run back and forward, in virtual time.
    public static let travelStep: Duration = .seconds(5)
    /// How far one notch of the mouse wheel moves a selection, in rows.
    public static let wheelRows = 3
    /// How far page up and page down move a selection, in rows.
    public static let pageRows = 10

    /// `hits` is where things were on the screen as last drawn: what a mouse press lands on.
    public mutating func handle(
        _ key: InputKey, model: DashboardViewModel, hits: HitMap = HitMap()
    ) -> [DashboardAction] {
        if key == .interrupt { return [.quit] }
        if case .mouse(let event) = key { return handleMouse(event, model, hits) }
        if isEditingFilter { return editFilter(key) }
        if isShowingHelp {
            // Any key closes help; `q` still quits from there.
            isShowingHelp = false
            return key == .character("q") ? [.quit] : []
        }
        if picker != nil { return pick(key, model) }
        if isShowingDetail, key == .escape || key == .enter {
            isShowingDetail = false
            return []
        }
        ensureFocus(model)
        switch key {
        case .character("q"): return [.quit]
        case .character("?"): isShowingHelp = true
        case .character(" "): return [.togglePause]
        case .character("."): return [.step]
        case .character("+"), .character("="): return [.faster]
        case .character("-"), .character("_"): return [.slower]
        case .character("r"):
            selection = [:]
            return [.restart]
        case .character("t"): return [.nextTheme]
        case .character("p"):
            guard !model.scenarios.isEmpty else {
                return [.say(model.scenarioPickerOff ?? "this dashboard cannot switch scenarios")]
            }
            isShowingDetail = false
            picker = ScenarioPickerState(
                row: model.scenarios.firstIndex { $0.name == model.header.scenario } ?? 0, policy: model.header.policy)
        case .character("["), .character("]"), .character("{"), .character("}"), .character("W"):
            return travel(key, model)
        case .character("/"):
            if focus == .channels {
                filteredPanel = .channels
            } else {
                focus = model.visiblePanels.contains(.events) ? .events : focus
                filteredPanel = .events
            }
            isEditingFilter = true
        case .tab, .right: moveFocus(by: 1, model)
        case .backTab, .left: moveFocus(by: -1, model)
        case .down, .character("j"): moveSelection(by: 1, model)
        case .up, .character("k"): moveSelection(by: -1, model)
        case .pageDown: moveSelection(by: Self.pageRows, model)
        case .pageUp: moveSelection(by: -Self.pageRows, model)
        case .home: selection[focus] = 0
        case .end: selection[focus] = Swift.max(0, model.rowCount(focus) - 1)
        case .enter: isShowingDetail = model.rowCount(focus) > 0 || [.writer, .trust, .transport].contains(focus)
        case .escape:
            isShowingDetail = false
            if focus == .channels { channelFilter = "" } else { filter = "" }
        case .character(let c):
            if model.commands.contains(where: { $0.key == c }) {
                return [
                    .command(c, DashboardFocus(panel: focus, owner: model.owner(focus, row: selection[focus] ?? 0)))
                ]
            }
        default: break
        }
        return []
    }

    /// Where a time-travel key goes: a step of `travelStep` back or forward, the previous or next
    /// mark of the timeline, or the first warning.
    private func travel(_ key: InputKey, _ model: DashboardViewModel) -> [DashboardAction] {
        guard let timeline = model.timeline else { return [.say("this dashboard cannot go back in time")] }
        let now = timeline.now
        let target: Duration?
        switch key {
        case .character("["): target = now > .zero ? Swift.max(.zero, now - Self.travelStep) : nil
        case .character("]"): target = now + Self.travelStep
        case .character("{"): target = timeline.marks.last { $0.at < now }?.at
        case .character("}"): target = timeline.marks.first { $0.at > now }?.at
        default: target = timeline.marks.first { $0.kind == .warning }?.at
        }
        guard let target else {
            let missing: String
            switch key {
            case .character("["): missing = "at the start of the run"
            case .character("{"): missing = "no mark before this instant"
            case .character("}"): missing = "no mark after this instant"
            default: missing = "no warning on this run"
            }
            return [.say(missing)]
        }
        return [.travel(to: target)]
    }

    /// A mouse press or wheel notch on what the last drawn screen had under it: a panel takes the
    /// focus, a row the selection (as `j`/`k` would leave it), the timeline strip travels to the
    /// instant under the pointer (as `[`/`]` do), the wheel moves the selection of the panel under
    /// the pointer (else of the focused one). Overlays take the mouse first.
    private mutating func handleMouse(
        _ event: MouseEvent, _ model: DashboardViewModel, _ hits: HitMap
    )
        -> [DashboardAction]
    {
        // The prompt holds the keyboard until enter or esc; the mouse waits with it.
        if isEditingFilter { return [] }
        if isShowingHelp {
            if event.button == .press { isShowingHelp = false }
            return []
        }
        let region = hits.region(x: event.x, y: event.y)
        if var picker {
            let current = model.header.policy
            switch (event.button, region?.target) {
            case (.press, .pickerRow(let row)?): picker.move(to: row, model.scenarios, current: current)
            case (.press, .overlay?): break
            case (.press, _):
                // A press outside the picker closes it, as esc does.
                self.picker = nil
                return []
            case (.wheelUp, _): picker.move(to: picker.row - 1, model.scenarios, current: current)
            case (.wheelDown, _): picker.move(to: picker.row + 1, model.scenarios, current: current)
            }
            self.picker = picker
            return []
        }
        if isShowingDetail {
            if event.button == .press { isShowingDetail = false }
            return []
        }
        ensureFocus(model)
        switch (event.button, region?.target) {
        case (.press, .timeline(let end)?):
            guard let region, model.timeline != nil else { return [] }
            return [.travel(to: HitMap.instant(atColumn: event.x, of: region.rect, end: end))]
        case (.press, .panel(let panel)?):
            focus(panel, model)
        case (.press, .row(let panel, let row)?):
            focus(panel, model)
            let count = model.rowCount(panel)
            // On the compare screen side B may list more rows than side A, whose count rules.
            if focus == panel, count > 0 { selection[panel] = Swift.min(row, count - 1) }
        case (.wheelUp, let target), (.wheelDown, let target):
            if let panel = target?.panel { focus(panel, model) }
            moveSelection(by: event.button == .wheelUp ? -Self.wheelRows : Self.wheelRows, model)
        default:
            break
        }
        return []
    }

    /// A key while the picker is open: up/down choose the scenario, left/right its policy, enter
    /// restarts with them, esc (or `p` again) closes; `q` still quits.
    private mutating func pick(_ key: InputKey, _ model: DashboardViewModel) -> [DashboardAction] {
        guard var picker, !model.scenarios.isEmpty else {
            self.picker = nil
            return []
        }
        let choices = model.scenarios
        let current = model.header.policy
        switch key {
        case .escape, .character("p"):
            self.picker = nil
            return []
        case .character("q"): return [.quit]
        case .up, .character("k"): picker.move(to: picker.row - 1, choices, current: current)
        case .down, .character("j"): picker.move(to: picker.row + 1, choices, current: current)
        case .pageUp: picker.move(to: picker.row - Self.pageRows, choices, current: current)
        case .pageDown: picker.move(to: picker.row + Self.pageRows, choices, current: current)
        case .home: picker.move(to: 0, choices, current: current)
        case .end: picker.move(to: choices.count - 1, choices, current: current)
        case .left, .character("h"): picker.cyclePolicy(by: -1, choices[picker.row], current: current)
        case .right, .character("l"), .tab: picker.cyclePolicy(by: 1, choices[picker.row], current: current)
        case .enter:
            self.picker = nil
            // Another run: rows and their order start over, as on `r`.
            selection = [:]
            return [.switchScenario(choices[picker.row].name, policy: picker.policy)]
        default: break
        }
        self.picker = picker
        return []
    }

    /// Gives `panel` the focus, if it is on screen.
    private mutating func focus(_ panel: PanelID, _ model: DashboardViewModel) {
        guard model.visiblePanels.contains(panel), focus != panel else { return }
        focus = panel
        isShowingDetail = false
    }

    /// The text the prompt edits.
    public var editedFilter: String {
        get { filteredPanel == .channels ? channelFilter : filter }
        set {
            if filteredPanel == .channels { channelFilter = newValue } else { filter = newValue }
        }
    }

    private mutating func editFilter(_ key: InputKey) -> [DashboardAction] {
        switch key {
        case .enter: isEditingFilter = false
        case .escape:
            isEditingFilter = false
            editedFilter = ""
        case .backspace: if !editedFilter.isEmpty { editedFilter.removeLast() }
        case .character(let c) where !c.isNewline: editedFilter.append(c)
        default: break
        }
        // The rows under the selection changed: start again from the most pressing one.
        selection[filteredPanel] = 0
        return []
    }

    /// Keeps focus on a visible panel (panels appear and disappear as subsystems start).
    public mutating func ensureFocus(_ model: DashboardViewModel) {
        let visible = model.visiblePanels
        if !visible.contains(focus), let first = visible.first { focus = first }
    }

    private mutating func moveFocus(by delta: Int, _ model: DashboardViewModel) {
        let visible = model.visiblePanels
        guard let index = visible.firstIndex(of: focus), !visible.isEmpty else { return }
        focus = visible[(index + delta + visible.count) % visible.count]
        isShowingDetail = false
    }

    private mutating func moveSelection(by delta: Int, _ model: DashboardViewModel) {
        let count = model.rowCount(focus)
        guard count > 0 else { return }
        selection[focus] = Swift.min(Swift.max(0, (selection[focus] ?? 0) + delta), count - 1)
    }
}
