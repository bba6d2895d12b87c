/// One line of styled spans, truncated at the edge of the area it is drawn in.
public struct TextLine: Hashable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { self.spans = [Span(text, style)] }

    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// Draws the spans left to right from the start of `area`'s first row; returns the columns used.
    @discardableResult
    public func render(_ area: Rect, into buffer: inout Buffer) -> Int {
        guard !area.isEmpty else { return 0 }
        var used = 0
        for span in spans where used < area.width {
            used += buffer.put(span.text, x: area.x + used, y: area.y, style: span.style, maxWidth: area.width - used)
        }
        return used
    }
}
