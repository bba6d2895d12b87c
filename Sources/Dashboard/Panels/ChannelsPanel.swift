/// Every instrumented channel: fill gauge, len/cap, high-water, full rejections per second and
/// a sparkline of fill; wide screens get longer gauges and history.
public struct ChannelsPanel: Widget {
    public var model: ChannelsViewModel
    public var theme: Theme
    public var isFocused: Bool
    public var selected: Int?
    /// The `/` filter is being typed: the title shows it with a cursor.
    public var isEditingFilter: Bool

    public init(
        model: ChannelsViewModel, theme: Theme, isFocused: Bool = false, selected: Int? = nil,
        isEditingFilter: Bool = false
    ) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
        self.selected = selected
        self.isEditingFilter = isEditingFilter
    }

    /// Rows the panel asks room for on a screen this tall. The most pressing channels come
    /// first, so a quarter of the screen shows what matters and leaves room for the panels
    /// below (steady alone has 204 channels); the rest scroll with the selection.
    public static func rowsShown(screenHeight: Int) -> Int { Swift.max(minimumRows, screenHeight / 4) }
    /// Rows kept when the panels above and below need the room.
    public static let minimumRows = 4

    public static func preferredHeight(_ model: ChannelsViewModel, screenHeight: Int = .max) -> Int {
        3 + Swift.min(model.rows.count, rowsShown(screenHeight: screenHeight)) + (model.remainder == nil ? 0 : 1)
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let full = model.fullCount
        // With more channels than rows, the count says there is more to scroll to.
        let visibleRows = Swift.max(0, Panel.inner(area).height - 1)
        let filtered = isEditingFilter || !model.filter.isEmpty
        let note = [
            full > 0 ? "\(full) full" : nil,
            filtered
                ? "\(model.channelCount) matching"
                : model.channelCount > visibleRows ? "\(model.channelCount) channels" : nil,
        ]
        .compactMap { $0 }.joined(separator: "  ")
        // The filter in the title, so a narrowed panel never passes for the whole set.
        let title =
            filtered
            ? "\(PanelID.channels.title) /\(Format.printable(model.filter))\(isEditingFilter ? "_" : "")"
            : PanelID.channels.title
        Panel(title: title, note: note.isEmpty ? nil : note, isFocused: isFocused, theme: theme)
            .render(area, into: &buffer)
        let inner = tableArea(area)
        guard !Panel.inner(area).inset(horizontal: 1).isEmpty else { return }
        if model.rows.isEmpty {
            let text = "no channel name contains \"\(Format.printable(model.filter))\""
            buffer.put(text, x: inner.x, y: inner.y, style: theme.style(.muted), maxWidth: inner.width)
            return
        }
        // Beyond the listed rows (thousands of quiet peer channels), one line: how many, and the
        // fullest of them, so a channel filling up outside the list still shows.
        if let remainder = model.remainder, inner.height != Panel.inner(area).height {
            let fullest = remainder.fullest
            let muted = theme.style(.muted)
            _ = TextLine([
                Span("+ \(remainder.count) more", theme.text),
                Span(remainder.full > 0 ? " (\(remainder.full) full)" : "", theme.style(.critical)),
                Span(", fullest ", muted), Span(fullest.name, theme.text),
                Span(
                    " \(fullest.length + fullest.reserved)/\(fullest.capacity)",
                    fullest.isFull ? theme.style(.critical) : muted),
            ]).render(Rect(x: inner.x, y: inner.bottom, width: inner.width, height: 1), into: &buffer)
        }
        let nameWidth = Swift.min(Swift.max(model.rows.map { Span($0.name).width }.max() ?? 8, 8), 28)
        let gaugeWidth = inner.width >= 110 ? 24 : inner.width >= 70 ? 16 : 12
        let columns = [
            TableColumn("name", width: nameWidth, priority: 9),
            TableColumn("fill", width: gaugeWidth, priority: 8),
            TableColumn("len/cap", width: 11, alignment: .right, priority: 9),
            TableColumn("hw", width: 6, alignment: .right, priority: 6),
            TableColumn("full/s", width: 6, alignment: .right, priority: 7),
            TableColumn("waiting", width: 7, alignment: .right, priority: 3),
            TableColumn("history", width: 8, priority: 4, flexible: true),
        ]
        let rows = model.rows
        let theme = theme
        Table(columns: columns, rowCount: rows.count, selected: selected, theme: theme) { index in
            let row = rows[index]
            let fillStyle = row.isFull ? theme.style(.critical) : theme.text
            let length = row.isFull ? "FULL \(row.capacity)" : "\(row.length + row.reserved)/\(row.capacity)"
            return [
                .text(row.name, row.isClosed ? theme.style(.muted) : theme.text),
                .gauge(row.fill),
                .text(row.isClosed ? "closed" : length, row.isClosed ? theme.style(.muted) : fillStyle),
                .text(Format.count(row.highWater), theme.style(.muted)),
                .text(Format.rate(row.fullPerSecond), row.fullPerSecond > 0 ? theme.style(.warn) : theme.style(.muted)),
                .text(
                    row.waitingSenders > 0 ? "\(row.waitingSenders)" : "-",
                    row.waitingSenders > 0 ? theme.style(.warn) : theme.style(.muted)),
                .sparkline(row.fillHistory),
            ]
        }.render(inner, into: &buffer)
    }

    /// The rows' table: the inside of the border, less the remainder's line when there is one
    /// and room for it.
    func tableArea(_ area: Rect) -> Rect {
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard model.remainder != nil, inner.height >= 3 else { return inner }
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
    }

    /// Where each channel's line is, as `render` draws them in `area`.
    public func rowRects(_ area: Rect) -> [(row: Int, rect: Rect)] {
        guard !model.rows.isEmpty else { return [] }
        return Table.rowRects(tableArea(area), rowCount: model.rows.count, selected: selected)
    }
}
