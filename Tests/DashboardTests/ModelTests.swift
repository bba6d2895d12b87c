import Backpressure
import Dashboard
import DashboardModel
import Runtime
import Testing

@Suite struct ModelTests {
    @Test func permitsComeFromRealSemaphoreSnapshots() async throws {
        let runtime = DeterministicRuntime(seed: 1)
        let semaphore = AsyncSemaphore(name: "read permits", permits: 4, timeSource: runtime.timeSource)
        let registry = InstrumentRegistry()
        registry.register(semaphore)
        #expect(PermitsViewModel(resources: []) == nil)
        runtime.spawn("holder") {
            guard let permit = try? await semaphore.acquire(3, label: "read #17") else { return }
            try? await runtime.sleep(for: .seconds(10))
            _ = consume permit
        }
        runtime.spawn("waiter") {
            try? await runtime.sleep(for: .seconds(1))
            _ = try? await semaphore.acquire(2, label: "read #18")
        }
        runtime.run(for: .seconds(4))
        let pool = try #require(PermitsViewModel(resources: registry.readings())?.pools.first)
        #expect(pool.name == "read permits")
        #expect(pool.held == 3)
        #expect(pool.available == 0)  // the head waiter has collected the last one
        #expect(pool.total == 4)
        #expect(pool.waiters == 1 && pool.waitingPermits == 1)  // the head has collected one of its two
        #expect(pool.longestWait == .seconds(3))
        #expect(pool.holders == [PermitPool.Holder(label: "read #17", permits: 3, age: .seconds(4))])
        runtime.run(for: .seconds(10))
    }

    @Test func channelRateAndHistoryFollowVirtualTime() {
        let runtime = DeterministicRuntime(seed: 1)
        let (sender, receiver) = BoundedChannel<Int>.make(name: "ingest", capacity: 2)
        var history = ChannelHistory()
        func observe() -> ChannelRow {
            history.observe([Self.reading(sender.channel)], at: runtime.now.sinceStart)!.rows[0]
        }
        #expect(history.observe([], at: runtime.now.sinceStart) == nil)

        #expect(observe().fillHistory == [0])
        _ = sender.trySend(1)
        _ = sender.trySend(2)
        for _ in 0..<5 { _ = sender.trySend(3) }  // five full rejections
        runtime.run(for: .milliseconds(500))
        var row = observe()
        #expect(row.isFull)
        #expect(row.fillHistory == [0, 1])
        #expect(row.fullPerSecond == 10)  // 5 rejections over 0.5 s
        // Same instant (paused): no new sample.
        row = observe()
        #expect(row.fillHistory == [0, 1])
        // Long after, the window has moved past the burst.
        runtime.run(for: .seconds(3))
        _ = receiver.tryReceive()
        row = observe()
        #expect(row.fullPerSecond == 0)
        #expect(row.fillHistory == [0, 1, 0.5])
        #expect(row.length == 1 && row.capacity == 2)
    }

    @Test func historyIsBounded() {
        let (sender, _) = BoundedChannel<Int>.make(name: "c", capacity: 1)
        var history = ChannelHistory()
        for tick in 1...(3 * ChannelHistory.capacitySamples + 10) {
            _ = history.observe([Self.reading(sender.channel)], at: .seconds(tick))
        }
        let row = history.observe([Self.reading(sender.channel)], at: .seconds(10_000))!.rows[0]
        #expect(row.fillHistory.count >= ChannelHistory.capacitySamples)
        #expect(row.fillHistory.count <= 2 * ChannelHistory.capacitySamples)
    }

    @Test func builderAssemblesHeaderAndHidesMissingPanels() {
        var builder = DashboardModelBuilder()
        let frame = DashboardFrame(
            scenario: "steady", policy: "fixed", seed: 9, speed: 2, isPaused: true,
            virtualTime: Fixtures.at(3), events: Fixtures.events, warnings: Fixtures.warnings,
            commands: [Fixtures.stuckReader], writer: Fixtures.writer)
        var state = DashboardState()
        state.filter = "trust"
        let model = builder.build(frame, state: state, themeName: "light")
        #expect(
            model.header
                == HeaderViewModel(
                    scenario: "steady", policy: "fixed", seed: 9, speed: 2, virtualTime: Fixtures.at(3),
                    isPaused: true, warningCount: 2, themeName: "light"))
        #expect(model.visiblePanels == [.writer, .events])
        #expect(model.events?.events.count == 6)
        #expect(model.commands == [Fixtures.stuckReader])
    }

    @Test func formats() {
        #expect(Format.duration(.milliseconds(4_100)) == "4.1s")
        #expect(Format.duration(.milliseconds(230)) == "230ms")
        #expect(Format.duration(.microseconds(20)) == "20us")
        #expect(Format.duration(.seconds(62)) == "1m02s")
        #expect(Format.count(1_230) == "1.2k")
        #expect(Format.count(253_000) == "253k")
        #expect(Format.rate(0.5) == "0.5")
        #expect(Format.rate(1_230) == "1.2k")
        #expect(Format.speed(4) == "4.0x")
        #expect(Format.speed(0.125) == "0.125x")
        #expect(Format.speed(0.5) == "0.5x")
        let instant = Duration.milliseconds(72_513)
        #expect(Format.virtualTime(instant, milliseconds: false) == "01:12.5")
        #expect(Format.virtualTime(instant, milliseconds: true) == "01:12.513")
        #expect(Format.virtualTime(.milliseconds(3_007), milliseconds: true) == "00:03.007")
    }

    /// The same text as the runtime's clock (`RuntimeInstant.clock`), which the UI cannot import.
    @Test func clockMatchesTheRuntimesClock() {
        for milliseconds: Int64 in [0, 7, 999, 3_007, 72_513, 3_599_999, 7_200_001] {
            let instant = RuntimeInstant(sinceStart: .milliseconds(milliseconds))
            for digits in [1, 3, 9] {
                #expect(
                    Format.clock(instant.sinceStart, fractionDigits: digits) == instant.clock(fractionDigits: digits))
            }
        }
    }

    @Test func paletteFollowsBtopsConversion() {
        #expect(TerminalPalette.index(for: .terminalDefault, colors: 256) == -1)
        #expect(TerminalPalette.index(for: .rgb(0, 0, 0), colors: 256) == 232)
        #expect(TerminalPalette.index(for: .rgb(255, 255, 255), colors: 256) == 255)
        #expect(TerminalPalette.index(for: .rgb(255, 0, 0), colors: 256) == 196)
        #expect(TerminalPalette.index(for: .rgb(0x5f, 0x87, 0xaf), colors: 256) == 16 + 36 * 2 + 6 * 3 + 3)
        #expect(TerminalPalette.index(for: .rgb(250, 10, 10), colors: 8) == 1)
        #expect(TerminalPalette.index(for: .rgb(240, 240, 240), colors: 8) == 7)
        #expect(TerminalPalette.index(for: .rgb(240, 240, 240), colors: 2) == -1)
    }

    static func reading(_ channel: some Instrumented) -> InstrumentReading {
        InstrumentReading(owner: nil, snapshot: channel.resourceSnapshot())
    }
}
