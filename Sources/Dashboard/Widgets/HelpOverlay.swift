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

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let keyWidth = sections.flatMap(\.hints).map { Span($0.key).width }.max() ?? 1
        let labelWidth = sections.flatMap(\.hints).map { Span($0.label).width }.max() ?? 1
        let titleWidth = sections.map { Span($0.title).width }.max() ?? 1
        let lineCount = sections.reduce(0) { $0 + 1 + $1.hints.count } + Swift.max(0, sections.count - 1)
        let box = area.centered(width: Swift.max(keyWidth + labelWidth + 7, titleWidth + 6, 24), height: lineCount + 2)
        Panel(title: "keys", note: "? or esc closes", isFocused: true, theme: theme).render(box, into: &buffer)
        let inner = Panel.inner(box)
        var y = inner.y
        for (number, section) in sections.enumerated() {
            if number > 0 { y += 1 }
            guard y < inner.bottom else { return }
            buffer.put(section.title, x: inner.x + 1, y: y, style: theme.style(.title), maxWidth: inner.width - 1)
            y += 1
            for hint in section.hints {
                guard y < inner.bottom else { return }
                buffer.put(hint.key, x: inner.x + 1, y: y, style: theme.style(.warn), maxWidth: keyWidth)
                buffer.put(hint.label, x: inner.x + keyWidth + 3, y: y, style: theme.text, maxWidth: inner.width - keyWidth - 3)
                y += 1
            }
        }
    }
}
