import DashboardModel

/// One line above the footer: the run from its start to the furthest instant its branch reached,
/// elapsed up to the current instant, with a mark where each warning was first seen (`!`), each
/// fault of the scenario's timeline was injected (`◆`) and each fault key was pressed (`▲`).
/// After going back, the part still ahead on the branch is dotted.
public struct TimelineStrip: Widget {
    public var model: TimelineViewModel
    public var theme: Theme

    static let elapsed: Unicode.Scalar = "━"
    static let ahead: Unicode.Scalar = "┄"
    static let cursor: Unicode.Scalar = "┃"

    /// A mark's symbol, and which one shows when several share a cell (the lowest rank).
    static func symbol(_ kind: TimelineMark.Kind) -> (symbol: Unicode.Scalar, rank: Int) {
        switch kind {
        case .warning: ("!", 0)
        case .fault: ("◆", 1)
        case .key: ("▲", 2)
        }
    }

    public init(model: TimelineViewModel, theme: Theme) {
        self.model = model
        self.theme = theme
    }

    private var label: String {
        " \(Format.virtualTime(model.now, milliseconds: false)) / \(Format.virtualTime(model.end, milliseconds: false)) "
    }

    private var place: String {
        model.behind == .zero ? " at the end " : " -\(Format.virtualTime(model.behind, milliseconds: false)) "
    }

    /// The cells that stand for the run, between the label and where it stands: the first is
    /// its start, the last `end`. Nil when fewer than two fit.
    public func track(_ area: Rect) -> Rect? {
        let row = area.row(0)
        let x = row.x + Swift.min(Span(label).width, row.width)
        let cells = row.right - x - Span(place).width
        return cells >= 2 ? Rect(x: x, y: row.y, width: cells, height: 1) : nil
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme.text)
        let muted = theme.style(.muted)
        buffer.put(label, x: row.x, y: row.y, style: theme.text, maxWidth: row.width)
        guard let track = track(area) else { return }
        var x = track.x
        let cells = track.width
        func column(_ instant: Duration) -> Int {
            guard model.end > .zero else { return 0 }
            return Swift.min(cells - 1, Swift.max(0, Int((instant / model.end) * Double(cells - 1))))
        }
        let now = column(model.now)
        for index in 0..<cells {
            let symbol = index < now ? Self.elapsed : Self.ahead
            buffer[x + index, row.y] = Cell(symbol, style: index < now ? theme.text : muted)
        }
        var ranks = [Int: Int]()
        for mark in model.marks where mark.at <= model.end {
            let (symbol, rank) = Self.symbol(mark.kind)
            let index = column(mark.at)
            guard rank < ranks[index, default: Int.max] else { continue }
            ranks[index] = rank
            let style =
                switch mark.kind {
                case .warning: theme.style(.critical).with(.bold)
                case .fault: theme.style(.warn)
                case .key: theme.style(.title)
                }
            buffer[x + index, row.y] = Cell(symbol, style: style)
        }
        buffer[x + now, row.y] = Cell(Self.cursor, style: theme.style(.title).with(.bold))
        x += cells
        buffer.put(place, x: x, y: row.y, style: muted, maxWidth: row.right - x)
    }
}
