import DashboardModel

/// The writer's drain: state, k of 64, who blocks it and for how long, last write, queue.
public struct WriterPanel: Widget {
    public var model: WriterViewModel
    public var theme: Theme
    public var isFocused: Bool

    public init(model: WriterViewModel, theme: Theme, isFocused: Bool = false) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
    }

    public static let preferredHeight = 6

    public func render(_ area: Rect, into buffer: inout Buffer) {
        Panel(title: PanelID.writer.title, isFocused: isFocused, theme: theme).render(area, into: &buffer)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let muted = theme.style(.muted)
        let blocked = model.blockedBy != nil
        // k of 64 and the gauge only mean something while the writer drains.
        let count = model.isDraining ? [Span(" \(model.drained)/\(model.drainTarget)", theme.text)] : []
        var lines = [
            TextLine(
                [Span(model.state, theme.style(blocked ? .critical : .ok))] + count
                    + [Span(" for ", muted), Span(Format.duration(model.stateFor), theme.text)])
        ]
        if let blocker = model.blockedBy {
            lines.append(TextLine([Span("blocked by ", muted), Span(blocker, theme.style(.critical))]))
        } else {
            lines.append(TextLine("not blocked", muted))
        }
        lines.append(
            TextLine([
                Span("last write ", muted),
                Span(model.lastWriteAgo.map { Format.duration($0) + " ago" } ?? "never", theme.text),
            ]))
        lines.append(
            TextLine([Span("queue ", muted), Span("\(model.queueLength)/\(model.queueCapacity)", theme.text)]))
        var y = inner.y
        for (index, line) in lines.enumerated() where y < inner.bottom {
            let used = line.render(inner.row(y - inner.y), into: &buffer)
            // The drain gauge rides on the first line when there is room.
            if index == 0, model.isDraining, inner.width - used >= 14 {
                let width = Swift.min(inner.width - used - 2, 34)
                Gauge(fill: Double(model.drained) / Double(model.drainTarget), theme: theme).render(
                    Rect(x: inner.right - width, y: y, width: width, height: 1), into: &buffer)
            }
            y += 1
        }
    }
}
