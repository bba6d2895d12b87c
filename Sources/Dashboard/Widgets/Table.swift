/// Rows under a header, with columns dropped by priority when the area is narrow, an optional
/// selected row, and a scroll offset that keeps the selection visible.
///
/// Rows are asked for by index, and only those on screen: a panel over 200 listener peer
/// channels or 200 events formats the dozen rows that fit, not all of them, every frame.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var rowCount: Int
    /// The cells of a row, one per column in column order; called only for visible rows.
    public var cells: (Int) -> [TableCell]
    public var selected: Int?
    public var theme: Theme
    public var showsHeader: Bool

    public init(
        columns: [TableColumn], rowCount: Int, selected: Int? = nil, theme: Theme, showsHeader: Bool = true,
        cells: @escaping (Int) -> [TableCell]
    ) {
        self.columns = columns
        self.rowCount = rowCount
        self.cells = cells
        self.selected = selected
        self.theme = theme
        self.showsHeader = showsHeader
    }

    public init(
        columns: [TableColumn], rows: [[TableCell]], selected: Int? = nil, theme: Theme, showsHeader: Bool = true
    ) {
        self.init(columns: columns, rowCount: rows.count, selected: selected, theme: theme, showsHeader: showsHeader) {
            rows[$0]
        }
    }

    /// The indices and widths of the columns that fit in `width`, one space apart.
    public static func fit(_ columns: [TableColumn], width: Int) -> [(index: Int, width: Int)] {
        var kept = Array(columns.indices)
        func needed(_ kept: [Int]) -> Int { kept.reduce(0) { $0 + columns[$1].width } + Swift.max(0, kept.count - 1) }
        while needed(kept) > width, kept.count > 1 {
            // Drop the lowest priority; among equals, the rightmost.
            let victim = kept.indices.min { a, b in
                let pa = columns[kept[a]].priority
                let pb = columns[kept[b]].priority
                return pa != pb ? pa < pb : a > b
            }!
            kept.remove(at: victim)
        }
        let spare = Swift.max(0, width - needed(kept))
        let flexible = kept.firstIndex { columns[$0].isFlexible }
        return kept.map { index in
            var w = columns[index].width
            if index == flexible.map({ kept[$0] }) { w += spare }
            return (index, Swift.min(w, width))
        }
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let layout = Self.fit(columns, width: area.width)
        var y = area.y
        if showsHeader {
            var x = area.x
            for (index, width) in layout {
                draw(
                    .text(columns[index].title, theme.style(.muted)), alignment: columns[index].alignment,
                    in: Rect(x: x, y: y, width: width, height: 1), into: &buffer)
                x += width + 1
            }
            y += 1
        }
        for (rowIndex, rowRect) in Self.rowRects(area, rowCount: rowCount, selected: selected, showsHeader: showsHeader)
        {
            let row = cells(rowIndex)
            var x = area.x
            for (index, width) in layout where index < row.count {
                draw(
                    row[index], alignment: columns[index].alignment,
                    in: Rect(x: x, y: rowRect.y, width: width, height: 1), into: &buffer)
                x += width + 1
            }
            if rowIndex == selected { buffer.restyle(rowRect, theme.highlighted) }
        }
    }

    /// Where each row on screen goes in `area`: what `render` draws there, and what a mouse
    /// press on that line selects.
    public static func rowRects(
        _ area: Rect, rowCount: Int, selected: Int?, showsHeader: Bool = true
    ) -> [(
        row: Int, rect: Rect
    )] {
        let top = area.y + (showsHeader ? 1 : 0)
        let visibleRows = area.bottom - top
        guard !area.isEmpty, visibleRows > 0 else { return [] }
        let first = scrollOffset(selected: selected, rowCount: rowCount, visible: visibleRows)
        return (first..<Swift.min(rowCount, first + visibleRows)).map { index in
            (index, Rect(x: area.x, y: top + index - first, width: area.width, height: 1))
        }
    }

    /// The first row shown so that `selected` is on screen.
    public static func scrollOffset(selected: Int?, rowCount: Int, visible: Int) -> Int {
        guard let selected, visible > 0, rowCount > visible else { return 0 }
        return Swift.min(Swift.max(0, selected - visible + 1), rowCount - visible)
    }

    private func draw(_ cell: TableCell, alignment: TableColumn.Alignment, in rect: Rect, into buffer: inout Buffer) {
        switch cell {
        case .text(let text, let style):
            let width = Span(text).width
            let x = alignment == .right && width < rect.width ? rect.right - width : rect.x
            buffer.put(text, x: x, y: rect.y, style: style, maxWidth: rect.right - x)
        case .gauge(let fill):
            Gauge(fill: fill, theme: theme).render(rect, into: &buffer)
        case .sparkline(let values):
            Sparkline(values: values, theme: theme).render(rect, into: &buffer)
        }
    }
}
