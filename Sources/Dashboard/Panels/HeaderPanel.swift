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
        var spans = [
            Span(" stallscope ", theme.style(.title).with(.reverse)),
            Span("  \(model.scenario)", theme.style(.title)),
            Span("  policy ", muted), Span(model.policy, theme.text),
            Span("  seed ", muted), Span("\(model.seed)", theme.text),
            Span("  \(Format.speed(model.speed))", theme.text),
            Span("  t=", muted), Span(model.virtualTime.description, theme.text),
            Span("  "),
            model.isPaused ? Span(" PAUSED ", theme.style(.warn).with([.reverse, .bold])) : Span("RUNNING", theme.style(.ok)),
        ]
        if area.width >= 120 { spans += [Span("  theme ", muted), Span(model.themeName, muted)] }
        TextLine(spans).render(row, into: &buffer)
        let warnings = model.warningCount
        let text = warnings == 0 ? "no warnings " : warnings == 1 ? "1 warning " : "\(warnings) warnings "
        let style = warnings == 0 ? muted : theme.style(.critical)
        let width = Span(text).width
        if width < area.width { buffer.put(text, x: area.right - width, y: area.y, style: style) }
    }
}
