/// Maps theme colors to what a terminal offers: the xterm 256-color palette or the 8 ANSI
/// colors. The 256-color rule follows btop's: a color whose channels quantize to the same grey
/// level uses the 24-step grey ramp (232...255), anything else the 6x6x6 cube (16...231).
public enum TerminalPalette {
    /// The palette index for `color` on a terminal with `colors` colors; -1 is the terminal's
    /// default (with `use_default_colors`).
    public static func index(for color: Color, colors: Int) -> Int {
        guard case .rgb(let r, let g, let b) = color else { return -1 }
        if colors >= 256 { return index256(r, g, b) }
        if colors >= 8 { return index8(r, g, b) }
        return -1
    }

    static func index256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ c: UInt8, _ step: Double) -> Int { Int((Double(c) / step).rounded()) }
        let grey = level(r, 11)
        if grey == level(g, 11) && grey == level(b, 11) {
            return 232 + min(grey, 23)
        }
        return 16 + 36 * level(r, 51) + 6 * level(g, 51) + level(b, 51)
    }

    /// The nearest of black, red, green, yellow, blue, magenta, cyan, white (xterm's values).
    static func index8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let basics: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
        ]
        var best = 0
        var bestDistance = Int.max
        for (index, basic) in basics.enumerated() {
            let dr = Int(r) - basic.0
            let dg = Int(g) - basic.1
            let db = Int(b) - basic.2
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
