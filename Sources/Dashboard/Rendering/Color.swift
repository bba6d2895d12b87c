/// A cell color: the terminal's own default, or an exact RGB value from a theme.
///
/// Cells carry exact colors; the backend maps them to whatever the terminal offers (256 or 8
/// colors), so rendering and tests never depend on the terminal.
public enum Color: Hashable, Sendable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)

    /// Parses `#rrggbb` (case-insensitive) or `default`.
    public init?(hex text: String) {
        if text == "default" {
            self = .terminalDefault
            return
        }
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        for digit in digits[1...] {
            guard let nibble = Self.nibble(digit) else { return nil }
            value = value << 4 | UInt32(nibble)
        }
        self = .rgb(UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
    }

    /// `#rrggbb` or `default`, the form theme files use.
    public var hex: String {
        switch self {
        case .terminalDefault: return "default"
        case .rgb(let r, let g, let b):
            let digits = Array("0123456789abcdef")
            return "#" + String([r >> 4, r & 15, g >> 4, g & 15, b >> 4, b & 15].map { digits[Int($0)] })
        }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
