/// What one table cell shows: text, a fill gauge or a sparkline.
public enum TableCell: Hashable, Sendable {
    case text(String, Style)
    case gauge(Double)
    case sparkline([Double])

    public static func plain(_ text: String, _ theme: Theme) -> TableCell { .text(text, theme.text) }
}
