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

    public init() {}

    public func selected(_ panel: PanelID) -> Int? { focus == panel ? selection[panel] ?? 0 : nil }

    /// The characters the UI acts on itself (`handle` below): a host's commands must use others,
    /// or they would never reach it.
    public static let ownKeys: Set<Character> = [
        "q", "?", " ", ".", "+", "=", "-", "_", "r", "t", "/", "j", "k", "[", "]", "{", "}", "W",
    ]

    /// How far `[` and `]` move the run back and forward, in virtual time.
    public static let travelStep: Duration = .seconds(5)

    public mutating func handle(_ key: InputKey, model: DashboardViewModel) -> [DashboardAction] {
        if key == .interrupt { return [.quit] }
        if isEditingFilter { return editFilter(key) }
        if isShowingHelp {
            // Any key closes help; `q` still quits from there.
            isShowingHelp = false
            return key == .character("q") ? [.quit] : []
        }
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
        case .pageDown: moveSelection(by: 10, model)
        case .pageUp: moveSelection(by: -10, model)
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
