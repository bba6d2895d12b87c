/// A bordered block with a title on the top edge and an optional note on the right of it.
/// The focused panel's border takes the title color, so focus shows without color too (bold).
public struct Panel: Widget {
    public var title: String
    public var note: String?
    public var isFocused: Bool
    public var theme: Theme

    public init(title: String, note: String? = nil, isFocused: Bool = false, theme: Theme) {
        self.title = title
        self.note = note
        self.isFocused = isFocused
        self.theme = theme
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        buffer.fill(area, style: theme.text)
        let border = isFocused ? theme.style(.title) : theme.style(.border)
        let top = area.y
        let bottom = area.bottom - 1
        let left = area.x
        let right = area.right - 1
        buffer.repeatSymbol("─", x: left + 1, y: top, count: area.width - 2, style: border)
        buffer.repeatSymbol("─", x: left + 1, y: bottom, count: area.width - 2, style: border)
        for y in (top + 1)..<bottom {
            buffer[left, y] = Cell("│", style: border)
            buffer[right, y] = Cell("│", style: border)
        }
        buffer[left, top] = Cell("╭", style: border)
        buffer[right, top] = Cell("╮", style: border)
        buffer[left, bottom] = Cell("╰", style: border)
        buffer[right, bottom] = Cell("╯", style: border)
        let room = area.width - 4
        guard room > 2 else { return }
        var titleStyle = theme.style(.title)
        if isFocused { titleStyle.attributes.insert(.reverse) }
        let used = buffer.put(" \(title) ", x: left + 1, y: top, style: titleStyle, maxWidth: room)
        if let note, !note.isEmpty {
            let text = " \(note) "
            let width = Span(text).width
            if used + width + 2 <= room {
                buffer.put(text, x: right - 1 - width, y: top, style: theme.style(.muted))
            }
        }
    }
}
