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

    /// `/` on the channels panel filters the channels (k9s filters the focused view): the keys
    /// typed are text, never commands, Enter keeps the filter, Esc clears it.
    @Test func slashOnTheChannelsPanelTypesAChannelFilter() {
        var state = DashboardState()
        state.focus = .channels
        state.selection[.channels] = 4
        _ = state.handle(.character("/"), model: model)
        #expect(state.isEditingFilter && state.filteredPanel == .channels && state.focus == .channels)
        for c in "Peer[1" { #expect(state.handle(.character(c), model: model) == []) }
        #expect(state.handle(.character("q"), model: model) == [])  // typed, not quit
        #expect(state.handle(.character("s"), model: model) == [])  // typed, not a fault key
        #expect(state.handle(.character(" "), model: model) == [])  // typed, not pause
        #expect(state.channelFilter == "Peer[1qs " && state.editedFilter == "Peer[1qs ")
        for _ in 0..<3 { _ = state.handle(.backspace, model: model) }
        _ = state.handle(.enter, model: model)
        #expect(state.channelFilter == "Peer[1" && !state.isEditingFilter)
        #expect(state.filter.isEmpty, "the events filter is another one")
        #expect(state.selection[.channels] == 0, "the selection starts again on the first matching row")
        // Kept: keys are commands again.
        #expect(state.handle(.character("q"), model: model) == [.quit])
        _ = state.handle(.escape, model: model)
        #expect(state.channelFilter.isEmpty)
        // Esc while typing drops the filter too.
        _ = state.handle(.character("/"), model: model)
        _ = state.handle(.character("x"), model: model)
        _ = state.handle(.escape, model: model)
        #expect(state.channelFilter.isEmpty && !state.isEditingFilter)
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
