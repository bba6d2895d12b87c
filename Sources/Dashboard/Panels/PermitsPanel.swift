/// Semaphores: a gauge per pool with held/available/waiting, then its oldest holders by label
/// and age, the first thing to read when a drain is blocked.
public struct PermitsPanel: Widget {
    public var model: PermitsViewModel
    public var theme: Theme
    public var isFocused: Bool
    public var selected: Int?

    public init(model: PermitsViewModel, theme: Theme, isFocused: Bool = false, selected: Int? = nil) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
        self.selected = selected
    }

    /// Holder lines under each pool, by screen height tier.
    public static func holdersShown(screenHeight: Int) -> Int { screenHeight >= 60 ? 4 : screenHeight >= 40 ? 3 : 1 }

    public static func preferredHeight(_ model: PermitsViewModel, screenHeight: Int) -> Int {
        let shown = holdersShown(screenHeight: screenHeight)
        return 2 + model.pools.reduce(0) { $0 + 1 + holderLines($1, shown: shown) }
    }

    /// Every pool's line, no holders.
    public static func minimumHeight(_ model: PermitsViewModel) -> Int { 2 + model.pools.count }

    /// Lines under a pool: one per holder, and blank ones kept for holders that just left
    /// (`HolderLines`), at most `shown`.
    static func holderLines(_ pool: PermitPool, shown: Int) -> Int {
        Swift.min(Swift.max(pool.holders.count, pool.holderLines), shown)
    }

    /// The pools whose lines fit in `rows`, in their own order: all of them when they fit;
    /// otherwise the selected pool and then the most pressing (with waiters, then with holders),
    /// so a small screen still shows who waits.
    static func poolsShown(_ pools: [PermitPool], rows: Int, selected: Int?) -> [Int] {
        guard pools.count > rows else { return Array(pools.indices) }
        func rank(_ index: Int) -> (Int, Int, Int, Int) {
            (index == selected ? 0 : 1, pools[index].waiters > 0 ? 0 : 1, pools[index].held > 0 ? 0 : 1, index)
        }
        return pools.indices.sorted { rank($0) < rank($1) }.prefix(Swift.max(0, rows)).sorted()
    }

    /// Holder lines per pool that fit `rows` lines along with every pool's own line. Over the
    /// budget, blank kept lines go first (from the last pool up), then holders, from the pool
    /// with the most lines (the lower one on a tie), so each pool keeps its oldest holder the
    /// longest.
    static func fittedHolderLines(_ pools: [PermitPool], shown: Int, rows: Int) -> [Int] {
        var lines = pools.map { holderLines($0, shown: shown) }
        let budget = Swift.max(0, rows - pools.count)
        for index in lines.indices.reversed() {
            let excess = lines.reduce(0, +) - budget
            guard excess > 0 else { return lines }
            let blank = lines[index] - Swift.min(pools[index].holders.count, lines[index])
            lines[index] -= Swift.min(blank, excess)
        }
        while lines.reduce(0, +) > budget, let most = lines.indices.max(by: { (lines[$0], $0) < (lines[$1], $1) }) {
            lines[most] -= 1
        }
        return lines
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let waiting = model.pools.reduce(0) { $0 + $1.waiters }
        Panel(
            title: PanelID.permits.title, note: waiting > 0 ? "\(waiting) waiting" : nil, isFocused: isFocused,
            theme: theme
        )
        .render(area, into: &buffer)
        let inner = Panel.inner(area)
        guard !inner.isEmpty else { return }
        let nameWidth = Swift.min(Swift.max(model.pools.map { Span($0.name).width }.max() ?? 8, 8), 24)
        let gaugeWidth = Swift.min(Swift.max(inner.width / 4, 10), 42)
        for (index, line, holderLines) in lines(area, screenHeight: buffer.height) {
            let pool = model.pools[index]
            var y = line.y
            let nameStyle = pool.isClosed ? theme.style(.muted) : theme.text
            buffer.put(pool.name, x: line.x + 1, y: y, style: nameStyle, maxWidth: nameWidth)
            var x = line.x + 2 + nameWidth
            Gauge(fill: pool.fill, theme: theme).render(Rect(x: x, y: y, width: gaugeWidth, height: 1), into: &buffer)
            x += gaugeWidth + 2
            let room = line.right - x
            var spans = [
                Span("\(pool.held)/\(pool.total)", theme.gaugeStyle(fill: pool.fill)),
                Span(" held", theme.style(.muted)),
            ]
            // Optional facts, most telling first, each added only when it fits whole.
            var optional: [[Span]] = []
            if pool.isClosed { optional.append([Span("  closed", theme.style(.critical))]) }
            if pool.waiters > 0 { optional.append([Span("  \(pool.waiters) waiting", theme.style(.warn))]) }
            if let oldest = pool.holders.first {
                optional.append([
                    Span("  oldest ", theme.style(.muted)), Span(Format.duration(oldest.age), theme.text),
                    Span(" (\(oldest.label))", theme.style(.muted)),
                ])
            }
            if let wait = pool.longestWait {
                optional.append([Span("  longest wait ", theme.style(.muted)), Span(Format.duration(wait), theme.text)])
            }
            for group in optional {
                let used = spans.reduce(0) { $0 + $1.width }
                if used + group.reduce(0, { $0 + $1.width }) <= room { spans += group }
            }
            TextLine(spans).render(Rect(x: x, y: y, width: line.right - x, height: 1), into: &buffer)
            if index == selected { buffer.restyle(line, theme.highlighted) }
            y += 1
            for holder in pool.holders.prefix(holderLines) {
                guard y < inner.bottom else { return }
                let permits = holder.permits == 1 ? "1 permit" : "\(holder.permits) permits"
                TextLine([
                    Span("└ ", theme.style(.border)), Span(holder.label, theme.text),
                    Span("  \(permits)  held ", theme.style(.muted)), Span(Format.duration(holder.age), theme.text),
                ]).render(
                    Rect(
                        x: inner.x + 3 + nameWidth / 2, y: y, width: inner.right - inner.x - 3 - nameWidth / 2,
                        height: 1),
                    into: &buffer)
                y += 1
            }
        }
    }

    /// Each shown pool's line in `area` and the holder lines under it (kept blank ones
    /// included), as `render` lays them out on a screen `screenHeight` tall.
    func lines(_ area: Rect, screenHeight: Int) -> [(pool: Int, line: Rect, holderLines: Int)] {
        let inner = Panel.inner(area)
        guard !inner.isEmpty else { return [] }
        let pools = Self.poolsShown(model.pools, rows: inner.height, selected: selected)
        let holderLines = Self.fittedHolderLines(
            pools.map { model.pools[$0] }, shown: Self.holdersShown(screenHeight: screenHeight), rows: inner.height)
        var y = inner.y
        var placed: [(pool: Int, line: Rect, holderLines: Int)] = []
        for (shownIndex, index) in pools.enumerated() where y < inner.bottom {
            placed.append((index, inner.row(y - inner.y), holderLines[shownIndex]))
            y += 1 + holderLines[shownIndex]
        }
        return placed
    }

    /// Where each pool's line is, as `render` draws them in `area` (a press on a holder's line
    /// selects nothing: the panel's rows are its pools).
    public func rowRects(_ area: Rect, screenHeight: Int) -> [(row: Int, rect: Rect)] {
        lines(area, screenHeight: screenHeight).map { ($0.pool, $0.line) }
    }
}
