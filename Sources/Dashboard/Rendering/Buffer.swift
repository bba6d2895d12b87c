/// The screen as cells: widgets draw into it, the backend draws only its difference from the
/// previous frame, and tests read it back as text.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        precondition(width >= 0 && height >= 0, "negative buffer size")
        self.width = width
        self.height = height
        self.cells = Array(repeating: cell, count: width * height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { set(newValue, x: x, y: y) }
    }

    private func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes one cell, keeping wide symbols whole: overwriting either half of a wide symbol
    /// blanks the other half, so the terminal never shows half a glyph. (`put` writes a wide
    /// symbol's first cell, then its continuation.)
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let width = width
        cells.withUnsafeMutableBufferPointer { Self.set(cell, x: x, y: y, width: width, in: $0) }
    }

    /// `set` on the cells' storage: the writers below take it once per call, not once per cell
    /// (each `cells[i] = ...` checks the array's uniqueness through a runtime call).
    private static func set(_ cell: Cell, x: Int, y: Int, width: Int, in cells: UnsafeMutableBufferPointer<Cell>) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, !cell.isContinuation, x > 0 {
            cells[index - 1].symbol = " "
        }
        if !old.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].symbol = " "
        }
        cells[index] = cell
    }

    /// Changes the style of every cell in `rect` through `transform`, keeping the symbols
    /// (selection highlight over cells already drawn).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.bottom {
            for x in clipped.x..<clipped.right { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Writes `text` from (x, y), at most `maxWidth` columns (default: to the right edge).
    /// Returns the columns used. A wide symbol that would not fit entirely is not written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let width = width
        let limit = Swift.min(width, x + (maxWidth ?? width))
        var column = x
        cells.withUnsafeMutableBufferPointer { cells in
            for scalar in text.unicodeScalars {
                let columns = scalar.terminalWidth
                if columns == 0 { continue }
                if column + columns > limit { break }
                if column >= 0 {
                    Self.set(Cell(scalar, style: style), x: column, y: y, width: width, in: cells)
                    if columns == 2 {
                        Self.set(
                            Cell(Cell.continuationSymbol, style: style), x: column + 1, y: y, width: width, in: cells)
                    }
                }
                column += columns
            }
        }
        return column - x
    }

    /// Writes `symbol` `count` times from (x, y).
    public mutating func repeatSymbol(_ symbol: Unicode.Scalar, x: Int, y: Int, count: Int, style: Style) {
        guard y >= 0, y < height else { return }
        let columns = Swift.max(0, x)..<Swift.min(width, x + count)
        guard !columns.isEmpty else { return }
        let width = width
        let cell = Cell(symbol, style: style)
        cells.withUnsafeMutableBufferPointer { cells in
            guard !cell.isContinuation, symbol.terminalWidth == 1 else {
                for column in columns { Self.set(cell, x: column, y: y, width: width, in: cells) }
                return
            }
            // A run of narrow cells can only split a wide symbol at its two ends.
            Self.set(cell, x: columns.lowerBound, y: y, width: width, in: cells)
            Self.set(cell, x: columns.upperBound - 1, y: y, width: width, in: cells)
            let row = y * width
            for column in columns.dropFirst().dropLast() { cells[row + column] = cell }
        }
    }

    /// Fills `rect` (clipped to the buffer) with `symbol` in `style`.
    public mutating func fill(_ rect: Rect, symbol: Unicode.Scalar = " ", style: Style) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.bottom {
            repeatSymbol(symbol, x: clipped.x, y: y, count: clipped.width, style: style)
        }
    }

    /// The cells that differ from `previous`; everything when the size changed. A change to
    /// either half of a wide symbol reports the symbol's first cell, which redraws both.
    public func diff(from previous: Buffer) -> [CellUpdate] {
        var updates: [CellUpdate] = []
        let sameSize = previous.width == width && previous.height == height
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                let cell = cells[index]
                if !sameSize || previous.cells[index] != cell {
                    if cell.isContinuation {
                        if x > 0, updates.last.map({ $0.x != x - 1 || $0.y != y }) ?? true {
                            updates.append(CellUpdate(x: x - 1, y: y, cell: cells[index - 1]))
                        }
                    } else {
                        updates.append(CellUpdate(x: x, y: y, cell: cell))
                    }
                }
                x += 1
            }
        }
        return updates
    }

    /// The buffer as text, one line per row, continuation cells omitted: what a person sees.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = String.UnicodeScalarView()
            for x in 0..<width where !cells[y * width + x].isContinuation {
                line.append(cells[y * width + x].symbol)
            }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// The text of one row with trailing blanks removed (for assertions on a single line).
    public func line(_ y: Int) -> String {
        var line = String.UnicodeScalarView()
        for x in 0..<width where !cells[y * width + x].isContinuation {
            line.append(cells[y * width + x].symbol)
        }
        var text = String(line)
        while text.last == " " { text.removeLast() }
        return text
    }
}
