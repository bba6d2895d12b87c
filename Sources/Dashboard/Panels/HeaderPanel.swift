/// The top line: scenario, policy, seed, speed, virtual time, running or paused, warnings.
public struct HeaderPanel: Widget {
    public var model: HeaderViewModel
    public var theme: Theme

    public init(model: HeaderViewModel, theme: Theme) {
        self.model = model
        self.theme = theme
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme.text)
        let muted = theme.style(.muted)
        let warnings = model.warningCount
        let warningText = warnings == 0 ? "no warnings " : warnings == 1 ? "1 warning " : "\(warnings) warnings "
        let warningWidth = Span(warningText).width
        // Groups in display order with a priority: on a narrow screen the lowest go first, so
        // the run state and virtual time always stay.
        let groups: [(priority: Int, spans: [Span])] = [
            (9, [Span(" stallscope ", theme.style(.title).with(.reverse))]),
            (7, [Span("  \(model.scenario)", theme.style(.title))]),
            (5, [Span("  policy ", muted), Span(model.policy, theme.text)]),
            (3, model.isDriven ? [Span("  seed ", muted), Span("\(model.seed)", theme.text)] : []),
            (6, model.isDriven ? [Span("  \(Format.speed(model.speed))", theme.text)] : []),
            (
                8,
                [
                    Span("  t=", muted),
                    Span(
                        Format.virtualTime(model.virtualTime, milliseconds: model.isPaused || model.hasEnded),
                        theme.text),
                ]
            ),
            (
                9,
                [
                    Span("  "),
                    model.hasEnded
                        ? Span("  END   ", theme.style(.warn).with([.reverse, .bold]))
                        : model.isPaused
                            ? Span(" PAUSED ", theme.style(.warn).with([.reverse, .bold]))
                            : Span("RUNNING", theme.style(.ok)),
                ]
            ),
            (1, [Span("  theme ", muted), Span(model.themeName, muted)]),
        ]
        var kept = groups
        let room = area.width - warningWidth - 1
        while kept.reduce(0, { $0 + $1.spans.reduce(0) { $0 + $1.width } }) > room, kept.count > 1 {
            let lowest = kept.indices.min { kept[$0].priority < kept[$1].priority }!
            kept.remove(at: lowest)
        }
        TextLine(kept.flatMap(\.spans)).render(row, into: &buffer)
        let style = warnings == 0 ? muted : theme.style(.critical)
        if warningWidth < area.width { buffer.put(warningText, x: area.right - warningWidth, y: area.y, style: style) }
    }
}
