import DashboardModel

/// Trust store persistence: lag, coalescing, fsync and lock-hold times, saves and failures.
public struct TrustPanel: Widget {
    public var model: TrustViewModel
    public var theme: Theme
    public var isFocused: Bool

    public init(model: TrustViewModel, theme: Theme, isFocused: Bool = false) {
        self.model = model
        self.theme = theme
        self.isFocused = isFocused
    }

    public static let preferredHeight = 6

    public func render(_ area: Rect, into buffer: inout Buffer) {
        Panel(title: PanelID.trust.title, isFocused: isFocused, theme: theme).render(area, into: &buffer)
        let inner = Panel.inner(area).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let muted = theme.style(.muted)
        let wide = inner.width >= 50
        func latency(_ name: String, _ summary: LatencyFigures) -> TextLine {
            guard summary.count > 0 else { return TextLine([Span(name, muted), Span(" -", muted)]) }
            var spans = [Span(name, muted), Span(" p99 ", muted), Span(Format.duration(summary.p99), theme.text)]
            if wide {
                spans =
                    [Span(name, muted), Span(" p50 ", muted), Span(Format.duration(summary.p50), theme.text)]
                    + spans.dropFirst() + [Span(" max ", muted), Span(Format.duration(summary.max), theme.text)]
            }
            return TextLine(spans)
        }
        let lagStyle = model.persistenceLag == nil ? theme.style(.ok) : theme.style(.warn)
        var lines = [
            TextLine([
                Span("dirty ", muted), Span(model.persistenceLag.map(Format.duration) ?? "clean", lagStyle),
                Span("  \(model.coalescedMutations) coalesced", muted),
            ]),
            latency("fsync", model.fsync),
            latency("lock ", model.lockHold),
            TextLine(
                [
                    Span("saves ", muted), Span("\(model.saves)", theme.text), Span("  failures ", muted),
                    Span("\(model.saveFailures)", model.saveFailures > 0 ? theme.style(.critical) : theme.text),
                ]
                    + (model.diskLatency.map {
                        [Span("  disk +", muted), Span(Format.duration($0), theme.style(.warn))]
                    } ?? [])),
        ]
        if let unsaved = model.unsavedAtStop {
            lines.append(
                TextLine([
                    Span("unsaved at stop ", muted),
                    Span("\(unsaved)", unsaved > 0 ? theme.style(.critical) : theme.text),
                ]))
        }
        for (index, line) in lines.enumerated() where inner.y + index < inner.bottom {
            line.render(inner.row(index), into: &buffer)
        }
    }
}
