extension Unicode.Scalar {
    /// Columns the scalar takes in a terminal: 0 for combining and control marks, 2 for East
    /// Asian wide and fullwidth forms and emoji, 1 otherwise. A fixed table rather than
    /// `wcwidth`, so a buffer's layout does not depend on the process locale.
    public var terminalWidth: Int {
        let v = value
        if v < 0x300 { return v < 0x20 || (v >= 0x7f && v < 0xa0) ? 0 : 1 }
        // Box drawing, block elements and geometric shapes: every frame is made of them, and
        // they are all narrow (the Unicode property lookup below is the slow path).
        if v >= 0x2500 && v < 0x2600 { return 1 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200b { return 0 }
        for range in Self.wideRanges where range.contains(v) { return 2 }
        return 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115f, 0x2e80...0x303e, 0x3041...0x33ff, 0x3400...0x4dbf, 0x4e00...0x9fff,
        0xa000...0xa4cf, 0xac00...0xd7a3, 0xf900...0xfaff, 0xfe30...0xfe4f, 0xff00...0xff60,
        0xffe0...0xffe6, 0x1f300...0x1f64f, 0x1f900...0x1f9ff, 0x20000...0x3fffd,
    ]
}
