import CNcursesw
import Dashboard

/// Curses color pairs, allocated the first time a (foreground, background) combination is
/// drawn, since a terminal has a limited number of pairs and a theme uses a few dozen.
struct ColorPairs {
    private var pairs: [Int: Int16] = [:]
    private var next: Int16 = 1
    let colors: Int
    private let limit: Int

    init(colors: Int, pairLimit: Int) {
        self.colors = colors
        self.limit = min(pairLimit, Int(Int16.max))
    }

    /// The pair for a style's colors; pair 0 (the terminal's defaults) when colors are off or
    /// the pairs ran out.
    mutating func pair(foreground: Color, background: Color) -> Int16 {
        guard colors >= 8 else { return 0 }
        let fg = TerminalPalette.index(for: foreground, colors: colors)
        let bg = TerminalPalette.index(for: background, colors: colors)
        if fg == -1 && bg == -1 { return 0 }
        let key = (fg + 1) << 16 | (bg + 1)
        if let pair = pairs[key] { return pair }
        guard Int(next) < limit else { return 0 }
        let pair = next
        next += 1
        init_pair(pair, Int16(fg), Int16(bg))
        pairs[key] = pair
        return pair
    }

    /// Forgets every pair (on theme change), so a long session cycling themes never runs out.
    mutating func reset() {
        pairs.removeAll()
        next = 1
    }
}
