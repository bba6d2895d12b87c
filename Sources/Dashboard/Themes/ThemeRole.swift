/// The semantic colors a theme defines; the raw values are the keys of a theme file.
public enum ThemeRole: String, CaseIterable, Sendable {
    case background
    case foreground
    case border
    case title
    case muted
    case ok
    case warn
    case critical
    case gaugeLow = "gauge_low"
    case gaugeMid = "gauge_mid"
    case gaugeHigh = "gauge_high"
    case sparkline
    case selection
}
