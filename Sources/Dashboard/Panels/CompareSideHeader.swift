/// The first line of one side of the compare screen: which side, its policy, and its verdict so
/// far (STALLED while any of its stall warnings stands, else HEALTHY) with the warning count.
public struct CompareSideHeader: Widget {
    /// `A` (the `--policy` side) or `B` (the `--compare` side).
    public var side: String
    public var policy: String
    public var warningCount: Int
    public var theme: Theme

    public init(side: String, policy: String, warningCount: Int, theme: Theme) {
        self.side = side
        self.policy = policy
        self.warningCount = warningCount
        self.theme = theme
    }

    /// The verdict word a side shows.
    public static func verdict(warningCount: Int) -> String { warningCount > 0 ? "STALLED" : "HEALTHY" }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: theme.text)
        let stalled = warningCount > 0
        let warnings =
            warningCount == 0 ? "no warnings" : warningCount == 1 ? "1 warning" : "\(warningCount) warnings"
        // The verdict before the policy text, which is the one cut when the side is narrow.
        TextLine([
            Span(" \(side) ", theme.style(.title).with(.reverse)),
            Span(" "),
            stalled
                ? Span(" \(Self.verdict(warningCount: warningCount)) ", theme.style(.critical).with([.reverse, .bold]))
                : Span(" \(Self.verdict(warningCount: warningCount)) ", theme.style(.ok).with(.bold)),
            Span("  \(warnings)", stalled ? theme.style(.critical) : theme.style(.muted)),
            Span("  policy ", theme.style(.muted)),
            Span(policy, theme.text),
        ]).render(row, into: &buffer)
    }
}
