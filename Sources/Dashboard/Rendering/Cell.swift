/// One terminal cell: a symbol and its style.
///
/// The symbol is a single Unicode scalar, not a `String`, so a 200x60 buffer is a flat array of
/// small values and rendering a frame allocates nothing per cell. A wide (two-column) symbol
/// occupies its cell and marks the next one as its continuation; zero-width scalars (combining
/// marks) are dropped when text is written.
public struct Cell: Hashable, Sendable {
    public var symbol: Unicode.Scalar
    public var style: Style

    public init(_ symbol: Unicode.Scalar = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// Marks the second column of a wide symbol; never drawn on its own.
    public static let continuationSymbol: Unicode.Scalar = "\u{0}"

    public static let blank = Cell()

    public var isContinuation: Bool { symbol == Self.continuationSymbol }
    public var isWide: Bool { symbol.terminalWidth == 2 }
}
