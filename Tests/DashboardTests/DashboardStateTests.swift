import Backpressure
import Dashboard
import DashboardModel
import Testing

@Suite struct DashboardStateTests {
    let model = Fixtures.busy

    @Test func runKeysBecomeActions() {
        var state = DashboardState()
        #expect(state.handle(.character("q"), model: model) == [.quit])
        #expect(state.handle(.interrupt, model: model) == [.quit])
        #expect(state.handle(.character(" "), model: model) == [.togglePause])
        #expect(state.handle(.character("."), model: model) == [.step])
        #expect(state.handle(.character("+"), model: model) == [.faster])
        #expect(state.handle(.character("-"), model: model) == [.slower])
        #expect(state.handle(.character("r"), model: model) == [.restart])
        #expect(state.handle(.character("t"), model: model) == [.nextTheme])
    }

    @Test func faultKeysOnlyWhenTheHostSupportsThem() {
        var state = DashboardState()
        state.focus = .streams
        state.selection[.streams] = 3
        #expect(
            state.handle(.character("c"), model: model) == [
                .command("c", DashboardFocus(panel: .streams, owner: InstrumentOwner(component: "relay", item: "6")))
            ])
        #expect(state.handle(.character("d"), model: model) == [])  // disk latency: not in the fixture's commands
    }

    @Test func tabCyclesVisiblePanelsAndArrowsMoveWithinBounds() {
        var bare = DashboardState()
        _ = bare.handle(.tab, model: Fixtures.bare)
        #expect(bare.focus == .events)

        var state = DashboardState()
        state.focus = .permits
        _ = state.handle(.tab, model: model)
        #expect(state.focus == .channels)
        _ = state.handle(.backTab, model: model)
        _ = state.handle(.backTab, model: model)
        #expect(state.focus == .events)
        _ = state.handle(.tab, model: model)
        #expect(state.focus == .permits)
        for _ in 0..<5 { _ = state.handle(.character("j"), model: model) }
        #expect(state.selection[.permits] == 1)  // two pools
        _ = state.handle(.up, model: model)
        _ = state.handle(.character("k"), model: model)
        #expect(state.selection[.permits] == 0)
    }

    @Test func filterIsTypedThenAppliedOrCleared() {
        var state = DashboardState()
        _ = state.handle(.character("/"), model: model)
        #expect(state.isEditingFilter && state.focus == .events)
        for c in "stuckx" { _ = state.handle(.character(c), model: model) }
        #expect(state.handle(.character("q"), model: model) == [])  // typed, not quit
        _ = state.handle(.backspace, model: model)
        _ = state.handle(.backspace, model: model)
        _ = state.handle(.enter, model: model)
        #expect(state.filter == "stuck" && !state.isEditingFilter)
        _ = state.handle(.escape, model: model)
        #expect(state.filter.isEmpty)
    }

    @Test func helpClosesOnAnyKeyButQStillQuits() {
        var state = DashboardState()
        _ = state.handle(.character("?"), model: model)
        #expect(state.isShowingHelp)
        #expect(state.handle(.character(" "), model: model) == [])
        #expect(!state.isShowingHelp)
        _ = state.handle(.character("?"), model: model)
        #expect(state.handle(.character("q"), model: model) == [.quit])
    }

    @Test func eventsFilterMatchesMessageSubsystemAndLevel() {
        let events = EventsViewModel(warnings: [], events: Fixtures.events, filter: "STUCK")
        #expect(events.events.count == 10)
        #expect(events.unfilteredCount == 30)
        #expect(EventsViewModel(warnings: [], events: Fixtures.events, filter: "trust").events.count == 6)
        #expect(EventsViewModel(warnings: [], events: Fixtures.events, filter: "error").events.count == 6)
    }
}
