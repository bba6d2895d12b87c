/// The bottom line: as many key hints as fit, in the order given (most useful first).
public struct KeyHintFooter: Widget {
    public var hints: [KeyHint]
    /// Shown at the right when it fits (a filter being typed, a status).
    public var status: String?
    public var theme: Theme

    public init(hints: [KeyHint], status: String? = nil, theme: Theme) {
        self.hints = hints
        self.status = status
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area.row(0), style: theme.text)
        let statusWidth = status.map { Span($0).width + 1 } ?? 0
        let room = area.width - statusWidth
        var x = area.x + 1
        let keyStyle = theme.style(.title).with(.reverse)
        for hint in hints {
            let width = Span(hint.key).width + 2 + Span(hint.label).width + 1
            if x - area.x + width > room { break }
            x += buffer.put(" \(hint.key) ", x: x, y: area.y, style: keyStyle)
            x += buffer.put(hint.label, x: x, y: area.y, style: theme.style(.muted))
            x += 1
        }
        if let status, statusWidth <= area.width {
            buffer.put(status, x: area.right - statusWidth, y: area.y, style: theme.style(.warn))
        }
    }
}
