import DashboardModel
import Testing

@testable import Dashboard

@Suite struct WidgetTests {
    let theme = Theme.dark

    func render(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height, filling: Cell("·"))
        widget.render(buffer.area, into: &buffer)
        return buffer
    }

    @Test func panelDrawsBorderTitleAndNote() {
        let buffer = render(Panel(title: "CHANNELS", note: "2 full", theme: theme), width: 30, height: 4)
        #expect(
            buffer.text == """
                ╭ CHANNELS ───────── 2 full ─╮
                │                            │
                │                            │
                ╰────────────────────────────╯
                """)
    }

    @Test func gaugeShowsFillAndColorsByLevel() {
        #expect(render(Gauge(fill: 0.5, theme: theme), width: 12, height: 1).text == "[|||||.....]")
        #expect(render(Gauge(fill: 0.001, theme: theme), width: 7, height: 1).text == "[|....]")
        #expect(render(Gauge(fill: 0, theme: theme), width: 7, height: 1).text == "[.....]")
        let high = render(Gauge(fill: 0.95, theme: theme), width: 12, height: 1)
        #expect(high[1, 0].style.foreground == theme[.gaugeHigh])
        let low = render(Gauge(fill: 0.2, theme: theme), width: 12, height: 1)
        #expect(low[1, 0].style.foreground == theme[.gaugeLow])
    }

    /// k of 64 and the drain gauge only while the writer drains; the last write always.
    @Test func writerShowsTheDrainOnlyWhileDraining() {
        let waiting = WriterViewModel(
            state: "WAITING", drained: 0, drainTarget: 0, blockedBy: nil, stateFor: .seconds(5),
            lastWriteAgo: .milliseconds(7_300), queueLength: 0, queueCapacity: 256)
        #expect(
            render(WriterPanel(model: waiting, theme: theme), width: 40, height: 6).text == """
                ╭ WRITER ──────────────────────────────╮
                │ WAITING for 5.0s                     │
                │ not blocked                          │
                │ last write 7.3s ago                  │
                │ queue 0/256                          │
                ╰──────────────────────────────────────╯
                """)
        var draining = waiting
        (draining.state, draining.drained, draining.drainTarget) = ("DRAINING", 16, 64)
        #expect(
            render(WriterPanel(model: draining, theme: theme), width: 44, height: 6).line(1)
                == "│ DRAINING 16/64 for 5.0s  [|||..........] │")
    }

    @Test func sparklineDrawsNewestAtTheRight() {
        let buffer = render(Sparkline(values: [0, 0.5, 1, 0.01], theme: theme), width: 6, height: 1)
        #expect(buffer.text == "·· ▄█▁")
        #expect(buffer[5, 0].style.foreground == theme[.sparkline])
    }

    @Test func tableDropsLowPriorityColumnsWhenNarrow() {
        let columns = [
            TableColumn("id", width: 4, priority: 9), TableColumn("detail", width: 10, priority: 1, flexible: true),
            TableColumn("state", width: 7, priority: 8),
        ]
        let rows: [[TableCell]] = [[.plain("s4", theme), .plain("upstream gone", theme), .plain("STALLED", theme)]]
        let wide = render(Table(columns: columns, rows: rows, theme: theme), width: 30, height: 2)
        #expect(wide.text == "id···detail············state··\ns4···upstream gone·····STALLED")
        let narrow = render(Table(columns: columns, rows: rows, theme: theme), width: 14, height: 2)
        #expect(narrow.text == "id···state····\ns4···STALLED··")
    }

    @Test func tableScrollsToKeepTheSelectionVisible() {
        let rows: [[TableCell]] = (0..<10).map { [.plain("row \($0)", theme)] }
        let table = Table(
            columns: [TableColumn("n", width: 6)], rows: rows, selected: 7, theme: theme, showsHeader: false)
        let buffer = render(table, width: 6, height: 3)
        #expect(buffer.text == "row 5·\nrow 6·\nrow 7·")
        #expect(buffer[0, 2].style.background == theme[.selection])
        #expect(buffer[0, 2].style.foreground == theme[.foreground])
    }

    @Test func footerShowsTheHintsThatFit() {
        let hints = [KeyHint("s", "stuck reader"), KeyHint("space", "pause"), KeyHint("q", "quit")]
        let buffer = render(KeyHintFooter(hints: hints, theme: theme), width: 32, height: 1)
        #expect(buffer.text == "  s stuck reader  space pause   ")
    }

    @Test func centeredMessageIsCentered() {
        let buffer = render(CenteredMessage(lines: [TextLine("too small"), TextLine("80x24")]), width: 13, height: 4)
        #expect(buffer.text == "·············\n··too small··\n····80x24····\n·············")
    }

    @Test func helpOverlayListsEveryKey() {
        let sections = [HelpOverlay.Section("run", [KeyHint("space", "pause"), KeyHint("q", "quit")])]
        let buffer = render(HelpOverlay(sections: sections, theme: theme), width: 40, height: 8)
        #expect(buffer.text.contains("space  pause"))
        #expect(buffer.text.contains("q      quit"))
        #expect(buffer.text.contains("╭ keys"))
    }

    /// Too short for gaps and titles: the keys alone; too short for those: two columns.
    @Test func helpOverlayKeepsEveryKeyOnAShortScreen() {
        let sections = [
            HelpOverlay.Section("run", [KeyHint("space", "pause"), KeyHint("q", "quit")]),
            HelpOverlay.Section("view", [KeyHint("t", "theme")]),
        ]
        #expect(HelpOverlay.lines(sections, rows: 6).count == 6)
        #expect(
            HelpOverlay.lines(sections, rows: 5) == [
                .title("run"), .hint(KeyHint("space", "pause")), .hint(KeyHint("q", "quit")),
                .title("view"), .hint(KeyHint("t", "theme")),
            ])
        #expect(HelpOverlay.lines(sections, rows: 4).count == 3)
        #expect(
            render(HelpOverlay(sections: sections, theme: theme), width: 50, height: 4).text == """
                ··╭ keys ──────────────────── ? or esc closes ─╮··
                ··│ space  pause          t      theme         │··
                ··│ q      quit                                │··
                ··╰────────────────────────────────────────────╯··
                """)
    }
}

extension WidgetTests {
    /// A panel over 200 peer channels formats the rows that fit, not all of them.
    @Test func tableAsksOnlyForTheRowsOnScreen() {
        var asked: [Int] = []
        let table = Table(columns: [TableColumn("n", width: 8)], rowCount: 200, selected: 120, theme: theme) { index in
            asked.append(index)
            return [.plain("row \(index)", theme)]
        }
        let buffer = render(table, width: 8, height: 4)
        #expect(asked == [118, 119, 120])
        #expect(buffer.line(3).hasPrefix("row 120"))
    }
}
