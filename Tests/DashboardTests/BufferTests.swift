import Dashboard
import Testing

@Suite struct BufferTests {
    @Test func putWritesTextAndClipsAtTheEdge() {
        var buffer = Buffer(width: 8, height: 2, filling: Cell("·"))
        let used = buffer.put("hello world", x: 2, y: 0, style: .plain)
        #expect(used == 6)
        #expect(buffer.text == "··hello \n········")
        #expect(buffer.put("abc", x: 0, y: 1, style: .plain, maxWidth: 2) == 2)
        #expect(buffer.line(1) == "ab······")
    }

    @Test func wideSymbolsTakeTwoCellsAndNeverSplit() {
        var buffer = Buffer(width: 6, height: 1, filling: Cell("·"))
        #expect(buffer.put("a漢b", x: 0, y: 0, style: .plain) == 4)
        #expect(buffer[1, 0].symbol == "漢")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.text == "a漢b··")
        // A wide symbol that would straddle the limit is not written.
        #expect(buffer.put("字字字", x: 0, y: 0, style: .plain, maxWidth: 5) == 4)
        #expect(buffer.text == "字字··")
        // Overwriting the continuation half blanks the first half.
        buffer.put("x", x: 1, y: 0, style: .plain)
        #expect(buffer.text == " x字··")
    }

    @Test func combiningMarksTakeNoColumn() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.put("e\u{301}x", x: 0, y: 0, style: .plain) == 2)
        #expect(buffer.line(0) == "ex")
    }

    @Test func diffReportsOnlyChangedCells() {
        var old = Buffer(width: 10, height: 3)
        old.put("steady", x: 0, y: 0, style: .plain)
        var new = old
        #expect(new.diff(from: old).isEmpty)
        new.put("t=1", x: 7, y: 2, style: .plain)
        new[0, 0] = Cell("s", style: Style(attributes: .bold))
        let updates = new.diff(from: old)
        #expect(updates.map { "\($0.x),\($0.y)" } == ["0,0", "7,2", "8,2", "9,2"])
    }

    @Test func diffRedrawsAWideSymbolFromItsFirstCell() {
        var old = Buffer(width: 4, height: 1)
        old.put("漢", x: 0, y: 0, style: .plain)
        var new = old
        new.put("字", x: 0, y: 0, style: .plain)
        #expect(new.diff(from: old).map(\.x) == [0])
        // A resize redraws everything.
        #expect(Buffer(width: 2, height: 1).diff(from: old).count == 2)
    }

    @Test func fillAndRestyleStayInsideTheBuffer() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), symbol: "#", style: .plain)
        #expect(buffer.text == "    \n  ##")
        buffer.restyle(Rect(x: 0, y: 0, width: 1, height: 1)) { $0.with(.reverse) }
        #expect(buffer[0, 0].style.attributes == .reverse)
    }
}

@Suite struct LayoutTests {
    let area = Rect(x: 0, y: 0, width: 100, height: 10)

    @Test func lengthsPercentagesAndFillsShareTheExtent() {
        let parts = Layout.horizontal([.length(10), .percentage(50), .fill(1), .fill(3)]).split(area)
        #expect(parts.map(\.width) == [10, 50, 10, 30])
        #expect(parts.map(\.x) == [0, 10, 60, 70])
    }

    @Test func minimumsGrowAndSpacingIsKept() {
        let parts = Layout.vertical([.min(2), .length(3)], spacing: 1).split(area)
        #expect(parts.map(\.height) == [6, 3])
        #expect(parts.map(\.y) == [0, 7])
    }

    @Test func overflowIsTakenFromTheLastSegments() {
        let parts = Layout.vertical([.length(6), .length(6), .length(6)]).split(area)
        #expect(parts.map(\.height) == [6, 4, 0])
        #expect(parts.reduce(0) { $0 + $1.height } <= area.height)
    }

    @Test func rectHelpers() {
        #expect(area.inset(by: 1) == Rect(x: 1, y: 1, width: 98, height: 8))
        #expect(area.centered(width: 20, height: 4) == Rect(x: 40, y: 3, width: 20, height: 4))
        #expect(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 2).isEmpty)
    }
}
