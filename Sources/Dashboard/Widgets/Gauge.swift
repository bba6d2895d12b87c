/// A fill bar, `[||||||......]`, colored low/mid/high by how full it is. The bar characters
/// carry the level without color (monochrome themes and text tests).
public struct Gauge: Widget {
    public var fill: Double
    public var theme: Theme

    public init(fill: Double, theme: Theme) {
        self.fill = fill.isFinite ? Swift.min(Swift.max(fill, 0), 1) : 0
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width >= 3, area.height >= 1 else { return }
        let inner = area.width - 2
        // Any non-zero fill shows at least one bar, so "almost empty" and "empty" differ.
        var filled = Int((fill * Double(inner)).rounded())
        if fill > 0 && filled == 0 { filled = 1 }
        let y = area.y
        buffer[area.x, y] = Cell("[", style: theme.style(.border))
        buffer.repeatSymbol("|", x: area.x + 1, y: y, count: filled, style: theme.gaugeStyle(fill: fill))
        buffer.repeatSymbol(".", x: area.x + 1 + filled, y: y, count: inner - filled, style: theme.style(.muted))
        buffer[area.right - 1, y] = Cell("]", style: theme.style(.border))
    }
}
