import DashboardModel
import Testing

@testable import Dashboard

/// The scenario picker (`p`): the catalog in an overlay, up/down for the scenario, left/right
/// for its policy, enter to restart with them.
@Suite struct ScenarioPickerTests {
    static let choices = [
        ScenarioChoice(
            name: "steady", incident: nil, summary: "every subsystem under ordinary load, no faults",
            policies: ["fixed", "legacy"]),
        ScenarioChoice(
            name: "cold-stuck-reader", incident: "cold", summary: "a stuck reader holds a read permit",
            policies: ["fixed", "legacy", "cold=semaphore", "cold=tasktracker"]),
        ScenarioChoice(
            name: "trust-slow-disk", incident: "trust", summary: "the trust store's disk slows down",
            policies: ["fixed", "legacy", "trust=under-lock"]),
    ]

    /// The busy fixture (cold-stuck-reader under cold=semaphore) with a catalog to pick from.
    static var model: DashboardViewModel {
        var model = Fixtures.busy
        model.scenarios = choices
        return model
    }

    @Test func pOpensThePickerOnTheRunningScenarioAndPolicy() {
        var state = DashboardState()
        #expect(state.handle(.character("p"), model: Self.model) == [])
        #expect(state.picker == ScenarioPickerState(row: 1, policy: "cold=semaphore"))
        // Keys move in the picker, none reaches the dashboard.
        #expect(state.handle(.character(" "), model: Self.model) == [])
        #expect(state.handle(.escape, model: Self.model) == [] && state.picker == nil)
        // No catalog: the footer says why.
        var bare = DashboardState()
        var model = Fixtures.busy
        model.scenarioPickerOff = "the picker is off while comparing"
        #expect(bare.handle(.character("p"), model: model) == [.say("the picker is off while comparing")])
        #expect(bare.picker == nil)
    }

    @Test func upDownChooseTheScenarioLeftRightItsPolicyEnterRestarts() {
        var state = DashboardState()
        state.selection[.channels] = 2
        _ = state.handle(.character("p"), model: Self.model)
        // The running policy first, then the scenario's own.
        _ = state.handle(.right, model: Self.model)
        #expect(state.picker?.policy == "fixed")
        _ = state.handle(.left, model: Self.model)
        _ = state.handle(.left, model: Self.model)
        #expect(state.picker?.policy == "cold=tasktracker")
        // Another scenario keeps a policy it offers too, else goes back to the running one.
        _ = state.handle(.down, model: Self.model)
        #expect(state.picker == ScenarioPickerState(row: 2, policy: "cold=semaphore"))
        _ = state.handle(.right, model: Self.model)
        _ = state.handle(.right, model: Self.model)
        #expect(state.picker?.policy == "legacy")
        _ = state.handle(.down, model: Self.model)
        #expect(state.picker?.row == 2, "the list's end")
        #expect(state.handle(.enter, model: Self.model) == [.switchScenario("trust-slow-disk", policy: "legacy")])
        #expect(state.picker == nil && state.selection.isEmpty)
    }

    @Test func aPressOnALineOfThePickerMovesToItAPressOutsideClosesIt() throws {
        var state = DashboardState()
        _ = state.handle(.character("p"), model: Self.model)
        var buffer = Buffer(width: 120, height: 40)
        var hits = HitMap()
        DashboardScreen(model: Self.model, state: state, theme: .dark).render(buffer.area, into: &buffer, hits: &hits)
        let first = try #require(hits.regions.last { $0.target == .pickerRow(0) })
        #expect(buffer.line(first.rect.y).contains("steady"))
        _ = state.handle(
            .mouse(MouseEvent(x: first.rect.x, y: first.rect.y, button: .press)), model: Self.model, hits: hits)
        #expect(state.picker?.row == 0)
        _ = state.handle(.mouse(MouseEvent(x: 0, y: 20, button: .press)), model: Self.model, hits: hits)
        #expect(state.picker == nil && state.focus == .events, "closed, and the press went no further")
    }

    @Test func pickerOverlaySnapshot() {
        var state = DashboardState()
        _ = state.handle(.character("p"), model: Self.model)
        _ = state.handle(.down, model: Self.model)
        _ = state.handle(.right, model: Self.model)
        var buffer = Buffer(width: 120, height: 40)
        DashboardScreen(model: Self.model, state: state, theme: .dark).render(buffer.area, into: &buffer)
        Snapshot.assert(buffer, named: "screen-picker-120x40")
        #expect(buffer.text.contains("trust-slow-disk") && buffer.text.contains("◀ fixed ▶"))
        #expect(
            DashboardScreen(model: Self.model, state: DashboardState(), theme: .dark).footerHints.last
                == KeyHint("p", "scenario"))
        let help = DashboardScreen(model: Self.model, state: DashboardState(), theme: .dark).helpSections
        #expect(help.flatMap(\.hints).contains { $0.key == "p" })
        #expect(
            !DashboardScreen(model: Fixtures.busy, state: DashboardState(), theme: .dark).helpSections
                .flatMap(\.hints).contains { $0.key == "p" })
    }
}
