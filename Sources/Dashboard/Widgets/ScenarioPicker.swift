import DashboardModel

/// The scenario picker (`p`): the catalog as `stallscope scenarios` lists it (name, incident,
/// what it shows), the line under the cursor highlighted, and below it the policy it will run
/// under. A box centered over the dashboard, as help is.
public struct ScenarioPicker: Widget {
    public var choices: [ScenarioChoice]
    public var state: ScenarioPickerState
    /// The scenario running now (marked in the list).
    public var currentScenario: String
    public var theme: Theme

    /// The widest the box grows, in columns: a summary reads better on a line than across a
    /// wide screen.
    static let maximumWidth = 110
    /// Lines below the list: the policy line and the keys.
    static let footerLines = 2

    public init(choices: [ScenarioChoice], state: ScenarioPickerState, currentScenario: String, theme: Theme) {
        self.choices = choices
        self.state = state
        self.currentScenario = currentScenario
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        var hits = HitMap()
        render(area, into: &buffer, hits: &hits)
    }

    /// Draws the picker and adds its box (an overlay) and each line of its list to `hits`.
    public func render(_ area: Rect, into buffer: inout Buffer, hits: inout HitMap) {
        guard !choices.isEmpty else { return }
        // Border, column titles, one line per scenario, the policy and keys lines.
        let box = area.centered(
            width: Swift.min(area.width - 4, Self.maximumWidth),
            height: Swift.min(area.height - 2, choices.count + 3 + Self.footerLines))
        Panel(title: "scenarios", note: "esc closes", isFocused: true, theme: theme).render(box, into: &buffer)
        hits.add(box, .overlay)
        let inner = Panel.inner(box).inset(horizontal: 1)
        guard inner.height > Self.footerLines + 1 else { return }
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - Self.footerLines)
        let nameWidth = Swift.min(choices.map { Span($0.name).width }.max() ?? 8, 28) + 2
        let columns = [
            TableColumn("scenario", width: nameWidth, priority: 9),
            TableColumn("incident", width: 8, priority: 5),
            TableColumn("what it shows", width: 20, priority: 7, flexible: true),
        ]
        let choices = choices
        let theme = theme
        let current = currentScenario
        let row = Swift.min(Swift.max(0, state.row), choices.count - 1)
        Table(columns: columns, rowCount: choices.count, selected: row, theme: theme) { index in
            let choice = choices[index]
            return [
                .text((choice.name == current ? "• " : "  ") + choice.name, theme.text),
                .text(choice.incident ?? "all", theme.style(.muted)), .text(choice.summary, theme.text),
            ]
        }.render(list, into: &buffer)
        for (index, rect) in Table.rowRects(list, rowCount: choices.count, selected: row) {
            hits.add(rect, .pickerRow(index))
        }
        let policyLine = inner.row(inner.height - 2)
        TextLine([
            Span("policy  ", theme.style(.muted)), Span("◀ ", theme.style(.title)),
            Span(state.policy, theme.style(.warn).with(.bold)), Span(" ▶", theme.style(.title)),
            Span("  seed and speed stay", theme.style(.muted)),
        ]).render(policyLine, into: &buffer)
        TextLine([
            Span("↑↓", theme.style(.warn)), Span(" scenario  ", theme.text), Span("←→", theme.style(.warn)),
            Span(" policy  ", theme.text), Span("enter", theme.style(.warn)), Span(" restart with them  ", theme.text),
            Span("esc", theme.style(.warn)), Span(" close", theme.text),
        ]).render(inner.row(inner.height - 1), into: &buffer)
    }
}
