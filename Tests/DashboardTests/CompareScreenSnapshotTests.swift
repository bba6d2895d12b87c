import Dashboard
import DashboardModel
import Testing

/// The compare screen: side A mid-stall beside a healthy side B, side by side from
/// `CompareScreen.sideBySideWidth` columns, one above the other below it; whole screens as text.
@Suite struct CompareScreenSnapshotTests {
    /// Side B: the same run under `fixed`, nothing stalled.
    static var healthy: DashboardViewModel {
        var model = Fixtures.busy
        model.header.policy = "fixed"
        model.header.warningCount = 0
        model.events = EventsViewModel(warnings: [], events: Fixtures.events)
        return model
    }

    /// Side A, whose keys the footer shows: `g` as the compare host offers it, off.
    static var stalled: DashboardViewModel {
        var model = Fixtures.busy
        model.commands = model.commands.map {
            $0.key == "g" ? CommandHint(key: "g", label: "policy off", help: "off while comparing") : $0
        }
        return model
    }

    func screen(width: Int, height: Int, state: DashboardState = DashboardState(), note: String? = nil) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        var state = state
        state.ensureFocus(Self.stalled)
        CompareScreen(left: Self.stalled, right: Self.healthy, state: state, theme: .dark, note: note).render(
            buffer.area, into: &buffer)
        return buffer
    }

    @Test func wideScreenShowsTheSidesSideBySide() {
        let buffer = screen(width: 200, height: 60)
        Snapshot.assert(buffer, named: "compare-wide-200x60")
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].contains("policy cold=semaphore vs fixed"))
        // Both side headers on one line: A's verdict on the left, B's on the right.
        #expect(lines[1].contains(" A   STALLED   2 warnings  policy cold=semaphore"))
        #expect(lines[1].contains(" B   HEALTHY   no warnings  policy fixed"))
        #expect(lines.filter { $0.contains("PERMITS") }.count == 1)
        #expect(lines.contains { $0.components(separatedBy: "PERMITS").count == 3 })
    }

    @Test func narrowScreenStacksTheSides() {
        let buffer = screen(width: 120, height: 40, note: "both sides run policy fixed")
        Snapshot.assert(buffer, named: "compare-narrow-120x40")
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        let a = lines.firstIndex { $0.hasPrefix(" A   STALLED") }
        let b = lines.firstIndex { $0.hasPrefix(" B   HEALTHY") }
        #expect(a == 1)
        #expect(b != nil && b! > 15)
        #expect(lines.last?.contains("both sides run policy fixed") == true, "the note in the status line")
    }

    /// 160 columns, as README says: two sides of the single dashboard's minimum width.
    @Test func sideBySideFrom160Columns() {
        let wide = screen(width: 160, height: 40)
        let narrow = screen(width: 159, height: 40)
        #expect(wide.text.split(separator: "\n")[1].contains(" B   HEALTHY"))
        #expect(!narrow.text.split(separator: "\n")[1].contains(" B   HEALTHY"))
    }

    @Test func helpListsWhatCompareChanges() {
        var state = DashboardState()
        state.isShowingHelp = true
        let text = screen(width: 120, height: 40, state: state).text
        #expect(text.contains("every key acts on both at the same virtual instant"))
        #expect(text.contains("g is off"))
    }
}
