import DashboardModel
import Testing

@testable import Dashboard

/// The mouse on the pure UI: the screen records where it drew panels, rows and the timeline
/// (`HitMap`), and a press there changes the same state the keyboard does, or asks for the same
/// travel as `[` and `]`.
@Suite struct MouseTests {
    let theme = Theme.dark

    /// Renders `model` as the app would and returns the hit map with the buffer.
    func draw(
        _ model: DashboardViewModel, _ state: DashboardState, width: Int = 120, height: Int = 40
    ) -> (
        Buffer, HitMap
    ) {
        var buffer = Buffer(width: width, height: height)
        var hits = HitMap()
        DashboardScreen(model: model, state: state, theme: theme).render(buffer.area, into: &buffer, hits: &hits)
        return (buffer, hits)
    }

    /// A cell of the first region standing for `target`, `dx` columns in from its left.
    func cell(_ hits: HitMap, _ target: HitMap.Target, dx: Int = 2) throws -> (x: Int, y: Int) {
        let region = try #require(hits.regions.last { $0.target == target }, "\(target) on screen")
        return (region.rect.x + dx, region.rect.y)
    }

    static func press(_ at: (x: Int, y: Int)) -> InputKey { .mouse(MouseEvent(x: at.x, y: at.y, button: .press)) }

    @Test func aPressOnAPanelFocusesIt() throws {
        let model = Fixtures.busy
        var state = DashboardState()
        #expect(state.focus == .events)
        for panel: PanelID in [.channels, .writer, .permits, .transport] {
            let (_, hits) = draw(model, state)
            // The panel's top border: inside the panel, on no row.
            let at = try cell(hits, .panel(panel))
            #expect(hits.region(x: at.x, y: at.y)?.target == .panel(panel))
            #expect(state.handle(Self.press(at), model: model, hits: hits) == [])
            #expect(state.focus == panel)
        }
    }

    @Test func aPressOnARowSelectsItAsTheKeysWould() throws {
        let model = Fixtures.busy
        var state = DashboardState()
        let (buffer, hits) = draw(model, state)
        let at = try cell(hits, .row(.streams, row: 2))
        #expect(buffer.line(at.y).contains("#23"), "the third stream's line")
        _ = state.handle(Self.press(at), model: model, hits: hits)

        var keyed = DashboardState()
        keyed.focus = .streams
        _ = keyed.handle(.down, model: model)
        _ = keyed.handle(.down, model: model)
        #expect(state.focus == .streams && state.selected(.streams) == 2)
        #expect(state == keyed)

        // Drawn with that state, the line pressed is the highlighted one.
        let (selected, _) = draw(model, state)
        #expect(selected[at.x, at.y].style == theme.highlighted(buffer[at.x, at.y].style))
        #expect(selected.line(at.y) == buffer.line(at.y))

        // A pool's line in the permits panel selects that pool.
        let pool = try cell(hits, .row(.permits, row: 1))
        _ = state.handle(Self.press(pool), model: model, hits: hits)
        #expect(state.focus == .permits && state.selection[.permits] == 1)
    }

    @Test func theWheelScrollsThePanelUnderThePointer() throws {
        let model = Fixtures.busy
        var state = DashboardState()
        state.focus = .permits
        let (_, hits) = draw(model, state)
        let over = try cell(hits, .panel(.events))
        _ = state.handle(.mouse(MouseEvent(x: over.x, y: over.y, button: .wheelDown)), model: model, hits: hits)
        #expect(state.focus == .events && state.selection[.events] == DashboardState.wheelRows)
        _ = state.handle(.mouse(MouseEvent(x: over.x, y: over.y, button: .wheelUp)), model: model, hits: hits)
        #expect(state.selection[.events] == 0)
        // Over nothing (the header): the focused panel scrolls.
        _ = state.handle(.mouse(MouseEvent(x: 5, y: 0, button: .wheelDown)), model: model, hits: hits)
        #expect(state.focus == .events && state.selection[.events] == DashboardState.wheelRows)
    }

    @Test func aPressOnTheTimelineTravelsToThatInstant() throws {
        var model = Fixtures.busy
        model.timeline = TimelineTests.timeline
        var state = DashboardState()
        let (buffer, hits) = draw(model, state)
        let strip = try #require(hits.regions.first { if case .timeline = $0.target { true } else { false } })
        #expect(strip.rect.y == 38)
        // The first cell is the run's start, the last its end.
        #expect(
            state.handle(Self.press((strip.rect.x, 38)), model: model, hits: hits) == [.travel(to: .zero)])
        #expect(
            state.handle(Self.press((strip.rect.right - 1, 38)), model: model, hits: hits) == [
                .travel(to: .seconds(60))
            ])
        // The warning's mark: the press lands within its cell, at or before the mark.
        let line = Array(buffer.line(38).unicodeScalars)
        let mark = try #require(line.firstIndex(of: "!"))
        let actions = state.handle(Self.press((mark, 38)), model: model, hits: hits)
        guard case .travel(let instant)? = actions.first else {
            Issue.record("\(actions)")
            return
        }
        let cellWidth = Duration.seconds(60) / (strip.rect.width - 1)
        #expect(instant <= .seconds(30) && instant > .seconds(30) - cellWidth, "\(instant)")
        // Outside the strip's cells (its label) nothing happens.
        #expect(state.handle(Self.press((1, 38)), model: model, hits: hits) == [])
    }

    @Test func overlaysTakeThePressFirst() throws {
        let model = Fixtures.busy
        var state = DashboardState()
        state.isShowingHelp = true
        let (_, hits) = draw(model, state)
        let at = try cell(hits, .panel(.channels))
        _ = state.handle(Self.press(at), model: model, hits: hits)
        #expect(!state.isShowingHelp && state.focus == .events, "the press closes help and does nothing else")

        state.isEditingFilter = true
        _ = state.handle(Self.press(at), model: model, hits: hits)
        #expect(state.isEditingFilter && state.focus == .events, "the prompt keeps the keyboard and the mouse")
    }

    /// Focus is shared on the compare screen: a press on side B's panel focuses it on both.
    @Test func aPressOnEitherCompareSideFocusesThePanelOnBoth() throws {
        let left = Fixtures.busy
        var state = DashboardState()
        var buffer = Buffer(width: 200, height: 60)
        var hits = HitMap()
        CompareScreen(left: left, right: Fixtures.busy, state: state, theme: theme).render(
            buffer.area, into: &buffer, hits: &hits)
        let channels = hits.regions.filter { $0.target == .panel(.channels) }
        #expect(channels.count == 2)
        let sideB = try #require(channels.max { $0.rect.x < $1.rect.x })
        #expect(sideB.rect.x >= 100)
        _ = state.handle(Self.press((sideB.rect.x + 2, sideB.rect.y)), model: left, hits: hits)
        #expect(state.focus == .channels)
        var after = Buffer(width: 200, height: 60)
        CompareScreen(left: left, right: Fixtures.busy, state: state, theme: theme).render(after.area, into: &after)
        let titles = after.line(sideB.rect.y)
        #expect(titles.components(separatedBy: " CHANNELS ").count == 3, "both sides' CHANNELS titles drawn")
        for region in channels {
            let x = region.rect.x + 2
            #expect(after[x, region.rect.y].style.attributes.contains(.reverse), "focused on both sides")
        }
    }
}
