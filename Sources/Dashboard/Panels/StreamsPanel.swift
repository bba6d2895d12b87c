import DashboardModel

/// Relay streams hop by hop and cold log streams, with where each one is stuck.
public struct StreamsPanel: Widget {
    public var model: StreamsViewModel
    public var theme: Theme
    public var isFocused: Bool
    public var selected: Int?

    public init(model: StreamsViewModel, theme: Theme, isFocused: Bool = false, selected: Int? = nil) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
        self.selected = selected
    }

    public static func preferredHeight(_ model: StreamsViewModel) -> Int { 3 + Swift.max(1, model.rows.count) }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let stalled = model.rows.filter { $0.state == .stalled }.count
        Panel(
            title: PanelID.streams.title, note: stalled > 0 ? "\(stalled) stalled" : "\(model.rows.count) streams",
            isFocused: isFocused, theme: theme
        ).render(area, into: &buffer)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let columns = [
            TableColumn("id", width: 6, priority: 9),
            TableColumn("kind", width: 5, priority: 4),
            TableColumn("hops", width: 5, alignment: .right, priority: 8),
            TableColumn("sent", width: 10, alignment: .right, priority: 7),
            TableColumn("idle", width: 6, alignment: .right, priority: 6),
            TableColumn("state", width: 7, priority: 9),
            TableColumn("detail", width: 10, priority: 5, flexible: true),
        ]
        let rows = model.rows.map { row -> [TableCell] in
            let stateStyle =
                switch row.state {
                case .active: theme.style(.ok)
                case .stalled: theme.style(.critical)
                case .done: theme.style(.muted)
                case .failed: theme.style(.warn)
                }
            return [
                .text(row.id, theme.text), .text(row.kind, theme.style(.muted)),
                .text(row.hopsText, theme.text), .text(row.sentText, theme.text),
                .text(row.idleFor.map(Format.duration) ?? "-", theme.style(.muted)),
                .text(row.state.rawValue.uppercased(), stateStyle), .text(row.detail, theme.style(.muted)),
            ]
        }
        if rows.isEmpty {
            buffer.put("no streams", x: inner.x, y: inner.y, style: theme.style(.muted), maxWidth: inner.width)
            return
        }
        Table(columns: columns, rows: rows, selected: selected, theme: theme).render(inner, into: &buffer)
    }

    /// Where each stream's line is, as `render` draws them in `area`.
    public func rowRects(_ area: Rect) -> [(row: Int, rect: Rect)] {
        guard !model.rows.isEmpty else { return [] }
        return Table.rowRects(Panel.inner(area).inset(horizontal: 1), rowCount: model.rows.count, selected: selected)
    }
}
