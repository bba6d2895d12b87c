import Backpressure
import DashboardModel
import Testing

@testable import Dashboard

/// The timeline strip and the keys that move through the run: `[` `]` by `travelStep`, `{` `}`
/// between marks, `W` to the first warning.
@Suite struct TimelineTests {
    let theme = Theme.dark

    /// A run that reached 60 s and went back to 20 s: a fault at 10 s, a key at 15 s, a warning
    /// first seen at 30 s and a key at 45 s.
    static let timeline = TimelineViewModel(
        end: .seconds(60), now: .seconds(20),
        marks: [
            TimelineMark(at: .seconds(10), kind: .fault, label: "cold: injectStuckReaders(count: 1)"),
            TimelineMark(at: .seconds(15), kind: .key, label: "trust: setDiskLatency(0.01 seconds)"),
            TimelineMark(at: .seconds(30), kind: .warning, label: "cold: writer-drain-blocked"),
            TimelineMark(at: .seconds(45), kind: .key, label: "cold: releaseStuckReaders"),
        ])

    func render(_ model: TimelineViewModel, width: Int) -> Buffer {
        var buffer = Buffer(width: width, height: 1, filling: Cell("·"))
        TimelineStrip(model: model, theme: theme).render(buffer.area, into: &buffer)
        return buffer
    }

    @Test func stripShowsTheElapsedRunTheCurrentInstantAndTheMarks() {
        let buffer = render(Self.timeline, width: 80)
        #expect(
            buffer.text
                == " 00:20.0 / 01:00.0 ━━━━━━━━◆━━━▲━━━┃┄┄┄┄┄┄┄┄!┄┄┄┄┄┄┄┄┄┄┄▲┄┄┄┄┄┄┄┄┄┄┄┄┄ -00:40.0 ")
        let warning = buffer.text.unicodeScalars.firstIndex(of: "!").map {
            buffer.text.unicodeScalars.distance(from: buffer.text.unicodeScalars.startIndex, to: $0)
        }
        #expect(warning.map { buffer[$0, 0].style.foreground } == theme.style(.critical).foreground)

        var live = Self.timeline
        live.now = live.end
        #expect(
            render(live, width: 80).text
                == " 01:00.0 / 01:00.0 ━━━━━━━━◆━━━▲━━━━━━━━━━━!━━━━━━━━━━━▲━━━━━━━━━━━┃ at the end ")
    }

    @Test func screenDrawsTheStripAboveTheFooter() {
        var model = Fixtures.busy
        model.timeline = Self.timeline
        var buffer = Buffer(width: 120, height: 40)
        DashboardScreen(model: model, state: DashboardState(), theme: theme).render(buffer.area, into: &buffer)
        Snapshot.assert(buffer, named: "screen-timeline-120x40")
        #expect(buffer.line(38).hasPrefix(" 00:20.0 / 01:00.0 ━"))
        let screen = DashboardScreen(model: model, state: DashboardState(), theme: theme)
        #expect(screen.footerHints.suffix(2) == [KeyHint("[ ]", "back/fwd"), KeyHint("{ }", "marks")])
    }

    @Test func travelKeysGoToStepsMarksAndTheFirstWarning() {
        var model = Fixtures.busy
        model.timeline = Self.timeline
        var state = DashboardState()
        #expect(DashboardState.travelStep == .seconds(5))
        #expect(state.handle(.character("["), model: model) == [.travel(to: .seconds(15))])
        #expect(state.handle(.character("]"), model: model) == [.travel(to: .seconds(25))])
        #expect(state.handle(.character("{"), model: model) == [.travel(to: .seconds(15))])
        #expect(state.handle(.character("}"), model: model) == [.travel(to: .seconds(30))])
        #expect(state.handle(.character("W"), model: model) == [.travel(to: .seconds(30))])

        model.timeline?.now = .seconds(2)
        #expect(state.handle(.character("["), model: model) == [.travel(to: .zero)])
        #expect(state.handle(.character("{"), model: model) == [.say("no mark before this instant")])
        model.timeline?.now = .zero
        #expect(state.handle(.character("["), model: model) == [.say("at the start of the run")])
        model.timeline?.now = .seconds(60)
        #expect(state.handle(.character("}"), model: model) == [.say("no mark after this instant")])
        model.timeline?.marks.removeAll { $0.kind == .warning }
        #expect(state.handle(.character("W"), model: model) == [.say("no warning on this run")])

        model.timeline = nil
        #expect(state.handle(.character("["), model: model) == [.say("this dashboard cannot go back in time")])
    }

    @Test func helpListsTheTimeKeysOnlyWithATimeline() {
        var model = Fixtures.busy
        #expect(
            !DashboardScreen(model: model, state: DashboardState(), theme: theme).helpSections.contains {
                $0.title == "time"
            })
        model.timeline = Self.timeline
        let time = DashboardScreen(model: model, state: DashboardState(), theme: theme).helpSections.first {
            $0.title == "time"
        }
        #expect(time?.hints.map(\.key) == ["[ ]", "{ }", "W"])
        #expect(time?.hints.first?.label == "back / forward 5 s of virtual time")
    }
}
