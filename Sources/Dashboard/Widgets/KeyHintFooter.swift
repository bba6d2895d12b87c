/// The bottom line: as many key hints as fit, in the order given (most useful first).
public struct KeyHintFooter: Widget {
    public var hints: [KeyHint]
    /// Always shown, after the others (`? help`, `q quit`): the hints that must never be squeezed out.
    public var pinned: [KeyHint]
    /// Shown at the right when it fits (a filter being typed, a status).
    public var status: String?
    /// A line being typed (the `/` filter), first on the left; the hints follow when they fit.
    public var prompt: String?
    public var theme: Theme

    public init(
        hints: [KeyHint], pinned: [KeyHint] = [], status: String? = nil, prompt: String? = nil, theme: Theme
    ) {
        self.hints = hints
        self.pinned = pinned
        self.status = status
        self.prompt = prompt
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area.row(0), style: theme.text)
        let statusWidth = status.map { Span($0).width + 1 } ?? 0
        func width(_ hint: KeyHint) -> Int { Span(hint.key).width + 2 + Span(hint.label).width + 1 }
        let pinnedWidth = pinned.reduce(0) { $0 + width($1) }
        let promptWidth = prompt.map { Span($0).width + 2 } ?? 0
        var room = area.width - statusWidth - 1 - pinnedWidth - promptWidth
        var shown: [KeyHint] = []
        for hint in hints {
            if width(hint) > room { break }
            room -= width(hint)
            shown.append(hint)
        }
        var x = area.x + 1
        if let prompt {
            x += buffer.put(prompt, x: x, y: area.y, style: theme.style(.title), maxWidth: area.width - 2) + 2
        }
        let keyStyle = theme.style(.title).with(.reverse)
        for hint in shown + pinned where x - area.x + width(hint) <= area.width {
            x += buffer.put(" \(hint.key) ", x: x, y: area.y, style: keyStyle)
            x += buffer.put(hint.label, x: x, y: area.y, style: theme.style(.muted))
            x += 1
        }
        if let status, statusWidth <= area.width {
            buffer.put(status, x: area.right - statusWidth, y: area.y, style: theme.style(.warn))
        }
    }
}
