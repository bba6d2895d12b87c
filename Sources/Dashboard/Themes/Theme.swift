/// A color theme: one color per semantic role, and the styles widgets draw with.
///
/// A theme that leaves a role at the terminal's default color (the monochrome theme does so for
/// all of them, for `NO_COLOR`) still distinguishes states: titles and critical text are bold,
/// muted text is dim and the selection is reversed, so nothing depends on color alone.
public struct Theme: Equatable, Sendable {
    public var name: String
    public private(set) var colors: [ThemeRole: Color]
    /// Each role's color and style by `ThemeRole.index`, worked out once: widgets ask for a
    /// style per cell, and a dictionary lookup hashes the role's raw string every time (it was
    /// a fifth of a busy frame's render).
    private var palette: [Color] = []
    private var styles: [Style] = []

    public init(name: String, colors: [ThemeRole: Color], fallback: Theme? = nil) {
        self.name = name
        var merged = fallback?.colors ?? [:]
        merged.merge(colors) { _, new in new }
        precondition(ThemeRole.allCases.allSatisfy { merged[$0] != nil }, "theme \(name) misses a role")
        self.colors = merged
        palette = ThemeRole.allCases.map { merged[$0] ?? .terminalDefault }
        styles = ThemeRole.allCases.map(makeStyle)
        assert(
            ThemeRole.allCases.enumerated().allSatisfy { $0.offset == $0.element.index }, "ThemeRole.index out of order"
        )
    }

    public subscript(role: ThemeRole) -> Color { palette[role.index] }

    /// The default theme, built in so a missing or partial theme file always has a fallback.
    /// `themes/dark.toml` holds the same values (a test keeps them equal).
    public static let dark = Theme(
        name: "dark",
        colors: [
            .background: .terminalDefault,
            .foreground: .rgb(0xd0, 0xd4, 0xdc),
            .border: .rgb(0x4a, 0x55, 0x68),
            .title: .rgb(0x7a, 0xb8, 0xf5),
            .muted: .rgb(0x7c, 0x84, 0x94),
            .ok: .rgb(0x8c, 0xd0, 0x7a),
            .warn: .rgb(0xe8, 0xc0, 0x5a),
            .critical: .rgb(0xf0, 0x6a, 0x6a),
            .gaugeLow: .rgb(0x5f, 0xb3, 0x8a),
            .gaugeMid: .rgb(0xe0, 0xb2, 0x4e),
            .gaugeHigh: .rgb(0xe8, 0x5d, 0x5d),
            .sparkline: .rgb(0x6c, 0xa6, 0xe0),
            .selection: .rgb(0x2c, 0x3a, 0x50),
        ])

    /// Every role at the terminal's default: used when `NO_COLOR` is set and no theme is named.
    public static let monochrome = Theme(
        name: "monochrome",
        colors: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, Color.terminalDefault) }))

    // MARK: Styles

    /// Ordinary text on the theme background.
    public var text: Style { Style(foreground: self[.foreground], background: self[.background]) }

    /// Text in a role's color on the theme background, with the attribute that carries the
    /// meaning when the role has no color.
    public func style(_ role: ThemeRole) -> Style { styles[role.index] }

    private func makeStyle(_ role: ThemeRole) -> Style {
        let color = self[role]
        var style = Style(foreground: color, background: self[.background])
        switch role {
        case .title: style.attributes = .bold
        case .critical: style.attributes = .bold
        case .muted where color == .terminalDefault: style.attributes = .dim
        case .gaugeHigh where color == .terminalDefault: style.attributes = .bold
        case .selection: return selection
        default: break
        }
        return style
    }

    /// The focused row: the selection color behind ordinary text, or reverse video without colors.
    public var selection: Style {
        let color = self[.selection]
        if color == .terminalDefault { return Style(attributes: .reverse) }
        return Style(foreground: self[.foreground], background: color, attributes: .bold)
    }

    /// A cell's style under the selection: its own foreground (a critical row stays red) on the
    /// selection color, or reversed without colors.
    public func highlighted(_ style: Style) -> Style {
        let color = self[.selection]
        if color == .terminalDefault { return style.with(.reverse) }
        var highlighted = style
        highlighted.background = color
        return highlighted
    }

    /// The gauge color for a fill ratio: low below 60 %, mid below 85 %, high from there.
    public func gaugeStyle(fill: Double) -> Style {
        style(fill < 0.6 ? .gaugeLow : fill < 0.85 ? .gaugeMid : .gaugeHigh)
    }
}
