/// A one-row history of values in eighth blocks, newest at the right.
public struct Sparkline: Widget {
    /// Oldest first, each in 0...1 (the caller normalizes).
    public var values: [Double]
    public var theme: Theme

    private static let levels: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(values: [Double], theme: Theme) {
        self.values = values
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let style = theme.style(.sparkline)
        var x = area.right - shown.count
        for value in shown {
            let clamped = value.isFinite ? Swift.min(Swift.max(value, 0), 1) : 0
            // Non-zero values show at least the lowest block, so activity is never invisible.
            var level = Int((clamped * 8).rounded())
            if clamped > 0 && level == 0 { level = 1 }
            buffer[x, area.y] = Cell(Self.levels[level], style: style)
            x += 1
        }
    }
}
