/// A run of text in one style: the unit lines of text are built from.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var width: Int { text.unicodeScalars.reduce(0) { $0 + $1.terminalWidth } }
}
