/// The compare screen (`stallscope dashboard --compare B`): the run under two policies at once,
/// each side a compact dashboard of its own (a line naming the side, its policy and its verdict
/// so far, then its panels laid out as `DashboardScreen` lays them out, in the side's rect).
/// Side by side from `sideBySideWidth` columns on, one above the other below it. Pure, as
/// `DashboardScreen` is.
///
/// Focus, selection and filters are the UI's one `DashboardState`, applied to both sides: the
/// same panel is focused on each, and `/` narrows both event logs.
public struct CompareScreen: Widget {
    /// Side by side from here on: each side as wide as the narrowest single dashboard.
    public static let sideBySideWidth = 2 * DashboardScreen.minimumWidth

    /// Side A (`--policy`) and side B (`--compare`).
    public var left: DashboardViewModel
    public var right: DashboardViewModel
    public var state: DashboardState
    public var theme: Theme
    /// Said in the status line while no status is shown (both sides on the same policy).
    public var note: String?

    public init(
        left: DashboardViewModel, right: DashboardViewModel, state: DashboardState, theme: Theme, note: String? = nil
    ) {
        self.left = left
        self.right = right
        self.state = state
        self.theme = theme
        self.note = note
    }

    /// The names the sides go by on screen and in the record files (`FILE.A`, `FILE.B`).
    public static let sideNames = ["A", "B"]

    /// The top line: both policies, and every warning of either side.
    public var header: HeaderViewModel {
        var header = left.header
        header.policy = "\(left.header.policy) vs \(right.header.policy)"
        header.warningCount = left.header.warningCount + right.header.warningCount
        return header
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        var hits = HitMap()
        render(area, into: &buffer, hits: &hits)
    }

    /// Draws both sides and records in `hits` where each side's panels and rows went: a press on
    /// either side's panel focuses that panel on both (focus is shared).
    public func render(_ area: Rect, into buffer: inout Buffer, hits: inout HitMap) {
        guard area.width >= DashboardScreen.minimumWidth, area.height >= DashboardScreen.minimumHeight else {
            // The single screen's "too small" message, and nothing else.
            DashboardScreen(model: left, state: state, theme: theme).render(area, into: &buffer)
            return
        }
        buffer.fill(area, style: theme.text)
        HeaderPanel(model: header, theme: theme).render(area.row(0), into: &buffer)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        for (index, (model, rect)) in zip([left, right], sides(body)).enumerated() {
            CompareSideHeader(
                side: Self.sideNames[index], policy: model.header.policy, warningCount: model.header.warningCount,
                theme: theme
            ).render(rect.row(0), into: &buffer)
            let panels = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
            // Laid out as a screen of the side's height would be (its header and footer included).
            DashboardScreen(model: model, state: state, theme: theme).renderPanels(
                in: panels, screenHeight: rect.height + 1, into: &buffer, hits: &hits)
        }
        let single = DashboardScreen(model: left, state: state, theme: theme)
        KeyHintFooter(
            hints: single.footerHints, pinned: single.pinnedHints, status: state.status ?? note,
            prompt: single.filterPrompt, theme: theme
        )
        .render(area.row(area.height - 1), into: &buffer)
        if state.isShowingHelp {
            HelpOverlay(sections: helpSections, theme: theme).render(area, into: &buffer)
            hits.add(area, .overlay)
        }
    }

    /// The two sides' rects: left and right halves of `body` from `sideBySideWidth` on, else the
    /// top and bottom halves.
    public func sides(_ body: Rect) -> [Rect] {
        let split =
            body.width >= Self.sideBySideWidth
            ? Layout.horizontal([.fill(1), .fill(1)]) : Layout.vertical([.fill(1), .fill(1)])
        return split.split(body)
    }

    /// The single screen's help, with what compare changes.
    public var helpSections: [HelpOverlay.Section] {
        DashboardScreen(model: left, state: state, theme: theme).helpSections + [
            HelpOverlay.Section(
                "compare",
                [
                    KeyHint("A B", "A runs --policy, B --compare: same scenario, seed and keys"),
                    KeyHint("keys", "every key acts on both at the same virtual instant"),
                    KeyHint("r g", "r restarts both; g is off (the sides are the command line's)"),
                ])
        ]
    }
}
