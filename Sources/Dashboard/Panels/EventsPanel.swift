/// Active warnings (with their cause) above the event log, newest first; `/` filters. The
/// generic detectors' findings follow the subsystems' warnings, their `where` reading "generic"
/// and drawn as warnings rather than stalls: hints from primitive snapshots, not verdicts.
public struct EventsPanel: Widget {
    public var model: EventsViewModel
    public var theme: Theme
    public var isFocused: Bool
    public var selected: Int?
    /// The filter as it is being typed, to show the cursor.
    public var isEditingFilter: Bool

    public init(
        model: EventsViewModel, theme: Theme, isFocused: Bool = false, selected: Int? = nil,
        isEditingFilter: Bool = false
    ) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
        self.selected = selected
        self.isEditingFilter = isEditingFilter
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        var note: String?
        if isEditingFilter || !model.filter.isEmpty {
            note = "/\(model.filter)\(isEditingFilter ? "_" : "")  \(model.events.count) of \(model.unfilteredCount)"
        } else if !model.warnings.isEmpty {
            let generic = model.warnings.count { $0.isGeneric }
            let own = model.warnings.count - generic
            note = [
                own == 0 ? nil : own == 1 ? "1 warning" : "\(own) warnings", generic == 0 ? nil : "\(generic) generic",
            ].compactMap { $0 }.joined(separator: ", ")
        }
        let title = model.warnings.isEmpty ? PanelID.events.title : "EVENTS AND WARNINGS"
        Panel(title: title, note: note, isFocused: isFocused, theme: theme).render(area, into: &buffer)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let columns = [
            TableColumn("time", width: 7, priority: 9),
            TableColumn("level", width: 5, priority: 8),
            TableColumn("where", width: 8, priority: 5),
            TableColumn("message", width: 20, priority: 9, flexible: true),
        ]
        let warnings = model.warnings
        let events = model.events
        if warnings.isEmpty && events.isEmpty {
            let text = model.filter.isEmpty ? "no events yet" : "no events match \"\(model.filter)\""
            buffer.put(text, x: inner.x, y: inner.y, style: theme.style(.muted), maxWidth: inner.width)
            return
        }
        let theme = theme
        Table(
            columns: columns, rowCount: warnings.count + events.count, selected: selected, theme: theme,
            showsHeader: false
        ) { index in
            if index < warnings.count {
                let warning = warnings[index]
                let style = warning.isGeneric ? theme.style(.warn) : theme.style(.critical)
                return [
                    .text(Format.clock(warning.since, fractionDigits: 1), style), .text("STALL", style),
                    .text(warning.source, style),
                    .text(warning.cause, style),
                ]
            }
            let event = events[index - warnings.count]
            let levelStyle =
                switch event.level {
                case .info: theme.style(.muted)
                case .warn: theme.style(.warn)
                case .error: theme.style(.critical)
                }
            return [
                .text(Format.clock(event.at, fractionDigits: 1), theme.style(.muted)),
                .text(event.level.rawValue.uppercased(), levelStyle),
                .text(event.source ?? "-", theme.style(.muted)), .text(event.text, theme.text),
            ]
        }.render(inner, into: &buffer)
    }

    /// Where each warning's and event's line is, as `render` draws them in `area`.
    public func rowRects(_ area: Rect) -> [(row: Int, rect: Rect)] {
        Table.rowRects(
            Panel.inner(area).inset(horizontal: 1), rowCount: model.warnings.count + model.events.count,
            selected: selected, showsHeader: false)
    }
}
