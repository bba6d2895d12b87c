import Engine
import Runtime
import Testing

@Suite struct EventLogTests {
    @Test func keepsTheNewestEventsWithinItsCapacity() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = EventLog(clock: runtime.clock)
        for index in 0..<(EventLog.capacityEvents + 5) {
            log.info(.cold, "event \(index)")
        }
        let events = log.events()
        #expect(events.count == EventLog.capacityEvents)
        #expect(events.first?.message == "event 5")
        #expect(events.last?.message == "event \(EventLog.capacityEvents + 4)")
        #expect(log.recordedCount == EventLog.capacityEvents + 5)
        #expect(
            log.recent(2).map(\.message) == [
                "event \(EventLog.capacityEvents + 4)", "event \(EventLog.capacityEvents + 3)",
            ])
    }

    @Test func recentReadsNewestFirstAcrossTheRingsWrap() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = EventLog(clock: runtime.clock)
        #expect(log.recent(3).isEmpty)
        for index in 0..<3 { log.info(nil, "event \(index)") }
        #expect(log.recent(5).map(\.message) == ["event 2", "event 1", "event 0"])
        for index in 3..<(EventLog.capacityEvents + 7) { log.info(nil, "event \(index)") }
        let newest = log.recent(EventLog.capacityEvents + 1)
        #expect(newest.count == EventLog.capacityEvents)
        #expect(newest.map(\.message) == log.events().reversed().map(\.message))
    }

    @Test func stampsEventsWithVirtualTime() {
        let runtime = DeterministicRuntime(seed: 1)
        let log = EventLog(clock: runtime.clock)
        runtime.spawn("sleeper") {
            try? await runtime.sleep(for: .seconds(3))
            log.warn(.trust, "late")
        }
        runtime.runUntilQuiescent()
        #expect(log.events().map(\.at) == [RuntimeInstant(sinceStart: .seconds(3))])
    }
}
