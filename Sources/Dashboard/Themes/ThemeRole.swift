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

    /// The role's position in `allCases`, without hashing its raw string (themes index their
    /// colors and styles by it).
    public var index: Int {
        switch self {
        case .background: 0
        case .foreground: 1
        case .border: 2
        case .title: 3
        case .muted: 4
        case .ok: 5
        case .warn: 6
        case .critical: 7
        case .gaugeLow: 8
        case .gaugeMid: 9
        case .gaugeHigh: 10
        case .sparkline: 11
        case .selection: 12
        }
    }
}
