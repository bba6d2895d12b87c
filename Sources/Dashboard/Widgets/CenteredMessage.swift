/// Lines of text centered in an area (the too-small screen, empty panels).
public struct CenteredMessage: Widget {
    public var lines: [TextLine]

    public init(lines: [TextLine]) {
        self.lines = lines
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let top = area.y + Swift.max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < area.bottom {
            let width = Swift.min(line.width, area.width)
            line.render(
                Rect(x: area.x + (area.width - width) / 2, y: top + index, width: width, height: 1), into: &buffer)
        }
    }
}
