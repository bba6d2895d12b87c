/// The `?` overlay: every key, grouped, in a box centered over the dashboard.
public struct HelpOverlay: Widget {
    public struct Section: Hashable, Sendable {
        public var title: String
        public var hints: [KeyHint]

        public init(_ title: String, _ hints: [KeyHint]) {
            self.title = title
            self.hints = hints
        }
    }

    public var sections: [Section]
    public var theme: Theme

    public init(sections: [Section], theme: Theme) {
        self.sections = sections
        self.theme = theme
    }

    /// One line of the overlay.
    enum Line: Equatable {
        case title(String)
        case hint(KeyHint)
        case gap
    }

    /// Sections with a gap between them; on a screen too short for that, without the gaps, and
    /// then also without the titles, so that every key still shows at 80x24.
    static func lines(_ sections: [Section], rows: Int) -> [Line] {
        let titled = sections.map { [Line.title($0.title)] + $0.hints.map(Line.hint) }
        let spaced = Array(titled.joined(separator: [Line.gap]))
        if spaced.count <= rows { return spaced }
        let packed = Array(titled.joined())
        if packed.count <= rows { return packed }
        return sections.flatMap { $0.hints.map(Line.hint) }
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let hints = sections.flatMap(\.hints)
        let keyWidth = hints.map { Span($0.key).width }.max() ?? 1
        let labelWidth = hints.map { Span($0.label).width }.max() ?? 1
        let titleWidth = sections.map { Span($0.title).width }.max() ?? 1
        let rows = Swift.max(1, area.height - 2)
        let lines = Self.lines(sections, rows: rows)
        // Still too many for one column: flow into as many as it takes, labels cut to fit.
        let columns = (lines.count + rows - 1) / rows
        let naturalWidth = Swift.max(keyWidth + labelWidth + 5, titleWidth + 4, 22)
        let columnWidth = Swift.min(naturalWidth, Swift.max(1, (area.width - 2) / Swift.max(1, columns)))
        let height = Swift.min(lines.count, rows)
        let box = area.centered(width: columnWidth * columns + 2, height: height + 2)
        Panel(title: "keys", note: "? or esc closes", isFocused: true, theme: theme).render(box, into: &buffer)
        let inner = Panel.inner(box)
        for (index, line) in lines.enumerated() {
            let x = inner.x + (index / rows) * columnWidth + 1
            let y = inner.y + index % rows
            let room = columnWidth - 2
            guard y < inner.bottom, x < inner.right else { continue }
            switch line {
            case .title(let title):
                buffer.put(title, x: x, y: y, style: theme.style(.title), maxWidth: room)
            case .hint(let hint):
                buffer.put(hint.key, x: x, y: y, style: theme.style(.warn), maxWidth: keyWidth)
                buffer.put(
                    hint.label, x: x + keyWidth + 2, y: y, style: theme.text,
                    maxWidth: Swift.max(0, room - keyWidth - 2))
            case .gap:
                break
            }
        }
    }
}
