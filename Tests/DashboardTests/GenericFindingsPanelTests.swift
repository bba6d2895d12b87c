import Backpressure
import Dashboard
import DashboardModel
import Testing

/// The warnings panel with generic findings beside a subsystem's warning: after it, their
/// `where` reading "generic", drawn as warnings (not stalls), counted apart in the note.
@Suite struct GenericFindingsPanelTests {
    static let lines: [WarningLine] = {
        let subsystem = Fixtures.warnings[0]
        let wait = StallFinding.longWait(
            resource: "handlers", waiter: nil, requested: 1, collected: 0, waited: .seconds(12),
            holders: [
                PermitHolding(label: "request #17", permits: 1, age: .milliseconds(12_300)),
                PermitHolding(label: "request #18", permits: 1, age: .seconds(11)),
            ], unlabelledPermits: 0, othersWaiting: 0)
        let full = StallFinding.channelFull(
            channel: "nat", fullFor: .seconds(40), length: 100, reserved: 0, capacity: 100, waitingSenders: 1,
            consumer: .notDraining)
        return [subsystem, WarningLine(wait, at: .seconds(42)), WarningLine(full, at: .seconds(42))]
    }()

    func render(width: Int) -> Buffer {
        var buffer = Buffer(width: width, height: 7)
        let model = EventsViewModel(warnings: Self.lines, events: Array(Fixtures.events.prefix(2)))
        EventsPanel(model: model, theme: .dark).render(buffer.area, into: &buffer)
        return buffer
    }

    @Test(arguments: [80, 120, 200])
    func genericFindingsFollowTheWarningsMarkedAsGeneric(width: Int) {
        Snapshot.assert(render(width: width), named: "events-generic-\(width)")
    }

    @Test func genericFindingsAreDrawnAsWarningsAndCountedApart() {
        let buffer = render(width: 120)
        let theme = Theme.dark
        func cell(containing text: String) -> Cell? {
            for y in 0..<buffer.height {
                let line = buffer.line(y)
                guard let range = line.range(of: text) else { continue }
                return buffer[
                    line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound), y]
            }
            return nil
        }
        #expect(buffer.line(0).contains("1 warning, 2 generic"))
        #expect(cell(containing: "writer drain blocked")?.style.foreground == theme[.critical])
        #expect(cell(containing: "waiter on handlers")?.style.foreground == theme[.warn])
        #expect(buffer.text.contains("generic  waiter on handlers waited 12.0 s behind request #17 (held 12.3 s)"))
        #expect(buffer.text.contains("generic  channel nat full 40.0 s (100/100, 1 sender waiting)"))
    }
}
