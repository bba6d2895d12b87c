import DashboardModel
import Testing

@testable import Dashboard

/// Panels keep their place while the engine flickers, and a crowd of channels leaves room for
/// the panels below it.
@Suite struct StableLayoutTests {
    static func pools(holders: Int) -> PermitsViewModel {
        PermitsViewModel(pools: [
            PermitPool(
                name: "trust.save", total: 1, held: holders, available: 1 - holders, waiters: 0, waitingPermits: 0,
                longestWait: nil, highWater: 1, isClosed: false,
                holders: (0..<holders).map { _ in .init(label: "save", permits: 1, age: .milliseconds(3)) }),
            PermitPool(
                name: "cold.read-permits", total: 64, held: 0, available: 64, waiters: 0, waitingPermits: 0,
                longestWait: nil, highWater: 3, isClosed: false, holders: []),
        ])
    }

    @Test func holderLinesOutlastAFlickeringHolder() throws {
        var lines = HolderLines()
        var second = 0
        func observe(_ holders: Int) throws -> PermitsViewModel {
            second += 1
            let model = lines.observe(Self.pools(holders: holders), at: .seconds(second))
            return try #require(model)
        }
        #expect(try observe(0).pools.map(\.holderLines) == [0, 0])
        let held = try observe(1)
        #expect(held.pools.map(\.holderLines) == [1, 0])
        let height = PermitsPanel.preferredHeight(held, screenHeight: 40)
        // A save every other frame: the line and the panel's height stay.
        for sample in 0..<(3 * StickyLevel.holdSamples) {
            let model = try observe(sample % 2)
            #expect(model.pools[0].holderLines == 1)
            #expect(PermitsPanel.preferredHeight(model, screenHeight: 40) == height)
        }
        // Gone for good: the line goes after the hold.
        for _ in 1..<StickyLevel.holdSamples { #expect(try observe(0).pools[0].holderLines == 1) }
        #expect(try observe(0).pools[0].holderLines == 0)
        #expect(lines.observe(nil, at: .zero) == nil)
    }

    @Test func aKeptHolderLineIsBlankAndTheNextPoolStaysPut() {
        var kept = Self.pools(holders: 0)
        kept.pools[0].holderLines = 1
        var held = Self.pools(holders: 1)
        held.pools[0].holders[0].age = .milliseconds(3)
        func render(_ model: PermitsViewModel) -> Buffer {
            var buffer = Buffer(width: 80, height: 40)
            PermitsPanel(model: model, theme: .dark).render(Rect(x: 0, y: 0, width: 80, height: 6), into: &buffer)
            return buffer
        }
        let (blank, holding) = (render(kept), render(held))
        #expect(holding.line(2).contains("└ save"))
        #expect(blank.line(2).trimmingCharacters(in: ["│", " "]).isEmpty)
        #expect(blank.line(3).contains("cold.read-permits") && holding.line(3).contains("cold.read-permits"))
    }

    /// steady's 204 channels at 120x40: the channels panel takes a quarter of the screen, the
    /// streams panel below it still shows, and the title says how many channels there are.
    @Test func aCrowdOfChannelsLeavesRoomForTheStreams() {
        var model = Fixtures.busy
        model.channels = ChannelsViewModel(
            rows: (0..<204).map { index in
                ChannelRow(
                    name: "peer[\(index)].in", length: 0, reserved: 0, capacity: 2_048, highWater: 1, fullPerSecond: 0,
                    waitingSenders: 0, isClosed: false, fillHistory: [])
            })
        var buffer = Buffer(width: 120, height: 40)
        var state = DashboardState()
        state.ensureFocus(model)
        DashboardScreen(model: model, state: state, theme: .dark).render(buffer.area, into: &buffer)
        #expect(buffer.text.contains("STREAMS"))
        #expect(buffer.text.contains("204 channels"))
        #expect(
            ChannelsPanel.preferredHeight(model.channels!, screenHeight: 40) == 3
                + ChannelsPanel.rowsShown(screenHeight: 40))
    }

    /// Holders everywhere at 120x40 (steady's six pools): the permits panel gives up holder
    /// lines, blank kept ones first, so every pool still has its line and the streams panel
    /// keeps its rows.
    @Test func permitHoldersGiveWayToTheStreams() {
        var model = Fixtures.busy
        var permits = PermitsViewModel(
            pools: (0..<6).map { pool in
                PermitPool(
                    name: "pool\(pool)", total: 8, held: 3, available: 5, waiters: 0, waitingPermits: 0,
                    longestWait: nil, highWater: 3, isClosed: false,
                    holders: (0..<3).map { .init(label: "holder \(pool).\($0)", permits: 1, age: .seconds(1)) })
            })
        permits.pools[5].holders = []
        permits.pools[5].holderLines = 2
        model.permits = permits
        model.channels = ChannelsViewModel(
            rows: (0..<204).map { index in
                ChannelRow(
                    name: "peer[\(index)].in", length: 0, reserved: 0, capacity: 2_048, highWater: 1, fullPerSecond: 0,
                    waitingSenders: 0, isClosed: false, fillHistory: [])
            })
        var buffer = Buffer(width: 120, height: 40)
        DashboardScreen(model: model, state: DashboardState(), theme: .dark).render(buffer.area, into: &buffer)
        let text = buffer.text
        #expect((0..<6).allSatisfy { text.contains("pool\($0) ") })
        #expect(text.contains("STREAMS"))
        for row in Fixtures.streams.rows { #expect(text.contains(" \(row.id) "), "stream \(row.id) is on screen") }
        #expect(text.contains("holder 0.0"))

        // The kept blank lines go before any holder does; then the pool with the most lines.
        #expect(PermitsPanel.fittedHolderLines(permits.pools, shown: 3, rows: 6 + 13) == [3, 3, 3, 2, 2, 0])
        #expect(PermitsPanel.fittedHolderLines(permits.pools, shown: 3, rows: 6 + 3) == [1, 1, 1, 0, 0, 0])
        #expect(PermitsPanel.fittedHolderLines(permits.pools, shown: 3, rows: 4) == [0, 0, 0, 0, 0, 0])
    }

    /// Fewer rows than pools (80x24): the selected pool, then those with waiters, then those
    /// with holders, shown in their own order.
    @Test func aSmallPermitsPanelShowsWhoWaits() {
        var permits = Self.pools(holders: 0).pools + Self.pools(holders: 1).pools
        permits[3].waiters = 2
        #expect(PermitsPanel.poolsShown(permits, rows: 4, selected: nil) == [0, 1, 2, 3])
        #expect(PermitsPanel.poolsShown(permits, rows: 2, selected: nil) == [2, 3])
        #expect(PermitsPanel.poolsShown(permits, rows: 2, selected: 1) == [1, 3])
        var buffer = Buffer(width: 80, height: 24)
        PermitsPanel(model: PermitsViewModel(pools: permits), theme: .dark).render(
            Rect(x: 0, y: 0, width: 80, height: 4), into: &buffer)
        #expect(
            buffer.line(1).contains("trust.save") && buffer.line(2).contains("cold.read-permits [")
                && buffer.line(2).contains("2 waiting"))
    }

    @Test func fitGrowsStreamsThenPermitsThenChannels() {
        let panels: [PanelID] = [.permits, .channels, .streams]
        func fit(_ available: Int) -> [Int] {
            DashboardScreen.fit(panels, preferred: [14, 13, 7], minimum: [8, 7, 4], available: available)
        }
        #expect(fit(40) == [14, 13, 7])
        #expect(fit(29) == [14, 8, 7])
        #expect(fit(20) == [8, 7, 5])
        // Not even the minimums: every panel a little.
        #expect(fit(12) == [4, 4, 4])
    }
}
