import Backpressure
import Dashboard
import Testing

/// The channels panel's order: what an operator needs first on top, rows that do not jump.
@Suite struct ChannelOrderTests {
    /// Real channels, filled by `trySend`, observed at whole virtual seconds.
    struct Bench {
        var channels: [String: ChannelSender<Int>] = [:]
        var receivers: [String: ChannelReceiver<Int>] = [:]
        var order: [String] = []
        var history = ChannelHistory()
        var second = 0

        /// Channels `a` and `b`, empty: in name order.
        static func pair(capacity: Int) -> Bench {
            var bench = Bench()
            bench.add("a", capacity: capacity)
            bench.add("b", capacity: capacity)
            return bench
        }

        mutating func add(_ name: String, capacity: Int) {
            let (sender, receiver) = BoundedChannel<Int>.make(name: name, capacity: capacity)
            channels[name] = sender
            receivers[name] = receiver
            if !order.contains(name) { order.append(name) }
        }

        func fill(_ name: String, to length: Int) {
            let sender = channels[name]!
            let receiver = receivers[name]!
            while sender.channel.snapshot().length > length { _ = receiver.tryReceive() }
            while sender.channel.snapshot().length < length { _ = sender.trySend(0) }
        }

        func reject(_ name: String) { _ = channels[name]!.trySend(0) }

        /// Names top to bottom; `advancing: false` observes the same instant again (paused).
        mutating func observe(advancing: Bool = true) -> [String] {
            if advancing { second += 1 }
            let resources = order.compactMap {
                channels[$0].map { InstrumentReading(owner: nil, snapshot: $0.channel.resourceSnapshot()) }
            }
            return history.observe(resources, at: .seconds(second))?.rows.map(\.name) ?? []
        }
    }

    @Test func fullFirstThenByFillThenRejectingThenByName() {
        var bench = Bench()
        for name in ["peer[10].in", "peer[2].in", "cold.write", "listener.nat", "handshake", "peer[1].in"] {
            bench.add(name, capacity: 8)
        }
        // Equals (all empty) by name, numbers read as numbers.
        #expect(
            bench.observe() == ["cold.write", "handshake", "listener.nat", "peer[1].in", "peer[2].in", "peer[10].in"])
        bench.fill("peer[10].in", to: 8)
        bench.reject("peer[10].in")  // full and refusing sends
        bench.fill("cold.write", to: 8)  // full
        bench.fill("handshake", to: 6)  // 75 %
        bench.fill("peer[2].in", to: 1)  // 12.5 %
        bench.fill("peer[1].in", to: 1)  // 12.5 %
        #expect(
            bench.observe() == ["peer[10].in", "cold.write", "handshake", "peer[1].in", "peer[2].in", "listener.nat"])
    }

    @Test func aRowMovesUpAtOnceButDownOnlyAfterTheHold() {
        var bench = Bench.pair(capacity: 4)
        #expect(bench.observe() == ["a", "b"])
        bench.fill("b", to: 4)
        #expect(bench.observe() == ["b", "a"], "full goes to the top in the next frame")
        bench.fill("b", to: 0)
        for sample in 1..<StickyLevel.holdSamples {
            #expect(bench.observe() == ["b", "a"], "drained \(sample) samples ago: keeps its row")
        }
        #expect(bench.observe() == ["a", "b"], "back in name order once the hold is over")
    }

    @Test func aFlickeringFillKeepsItsRow() {
        var bench = Bench.pair(capacity: 8)
        bench.fill("a", to: 2)
        bench.fill("b", to: 4)
        #expect(bench.observe() == ["b", "a"])
        // b flickers between half and an eighth, below a's quarter every other frame: it keeps
        // its row rather than swapping with a every frame.
        for sample in 0..<(3 * StickyLevel.holdSamples) {
            bench.fill("b", to: sample % 2 == 0 ? 1 : 4)
            #expect(bench.observe() == ["b", "a"])
        }
    }

    @Test func promotionShowsWhilePausedAndTheHoldCountsOnlyMovingFrames() {
        var bench = Bench.pair(capacity: 2)
        #expect(bench.observe() == ["a", "b"])
        bench.fill("b", to: 2)
        #expect(bench.observe(advancing: false) == ["b", "a"], "a fault key's effect, paused")
        bench.fill("b", to: 0)
        for _ in 0..<(2 * StickyLevel.holdSamples) {
            #expect(bench.observe(advancing: false) == ["b", "a"], "paused frames are not samples")
        }
    }

    @Test func channelsThatGoAwayAreForgotten() {
        var bench = Bench()
        bench.add("cold.stream #9", capacity: 4)
        bench.add("cold.stream #10", capacity: 4)
        bench.fill("cold.stream #10", to: 4)
        #expect(bench.observe() == ["cold.stream #10", "cold.stream #9"])
        bench.channels["cold.stream #10"] = nil
        bench.receivers["cold.stream #10"] = nil
        #expect(bench.observe() == ["cold.stream #9"])
        // The same name again is a new channel: no history, no standing.
        bench.add("cold.stream #10", capacity: 4)
        let rows =
            bench.history.observe(
                bench.order.compactMap {
                    bench.channels[$0].map { InstrumentReading(owner: nil, snapshot: $0.channel.resourceSnapshot()) }
                },
                at: .seconds(100))?.rows ?? []
        #expect(rows.map(\.name) == ["cold.stream #9", "cold.stream #10"])
        #expect(rows.last?.fillHistory == [0])
    }

    @Test func stickyLevelRisesAtOnceAndFallsToTheHighestOfTheHold() {
        var sticky = StickyLevel()
        sticky.observe(10, sampled: true)
        #expect(sticky.level == 10)
        for sample in 1..<StickyLevel.holdSamples {
            sticky.observe(sample == 3 ? 6 : 2, sampled: true)
            #expect(sticky.level == 10)
        }
        sticky.observe(2, sampled: true)
        #expect(sticky.level == 6, "the best it did while below, not the last sample")
        sticky.observe(16, sampled: false)
        #expect(sticky.level == 16)
    }

    @Test(arguments: [
        ("peer[2].in", "peer[10].in"), ("a", "ab"), ("cold.read", "cold.write"), ("x9", "x10"), ("x7", "x007"),
        ("listener.nat", "peer[0].in"), ("a1b2", "a1b10"),
    ])
    func naturalOrder(first: String, second: String) {
        #expect(NaturalOrder.precedes(first, second))
        #expect(!NaturalOrder.precedes(second, first))
        #expect(!NaturalOrder.precedes(first, first))
    }

    /// Past `rowsListed` channels (20,000 listener peers at 100x load), the most pressing are
    /// listed and the rest summed up: how many, how many full, the fullest of them.
    @Test func beyondTheListedRowsTheRestIsOneSummary() {
        var bench = Bench()
        let count = ChannelHistory.rowsListed + 50
        for peer in 0..<count { bench.add("peer[\(peer)].in", capacity: 8) }
        bench.fill("peer[300].in", to: 8)
        bench.fill("peer[7].in", to: 3)
        bench.fill("peer[280].in", to: 1)
        let first = bench.observe()
        #expect(first.count == ChannelHistory.rowsListed)
        #expect(Array(first.prefix(3)) == ["peer[300].in", "peer[7].in", "peer[280].in"])
        #expect(first[3] == "peer[0].in")
        let resources = bench.order.map {
            InstrumentReading(owner: nil, snapshot: bench.channels[$0]!.channel.resourceSnapshot())
        }
        let model = bench.history.observe(resources, at: .seconds(10))
        #expect(model?.remainder?.count == 50)
        #expect(model?.channelCount == count)
        #expect(model?.fullCount == 1)
        // All the rest are empty: the fullest is the first of them in name order (peer[7] and
        // peer[280] are listed above the empty ones, so 253 empty ones are listed).
        #expect(model?.remainder?.fullest.name == "peer[254].in")
        bench.fill("peer[305].in", to: 2)
        bench.fill("peer[300].in", to: 0)
        let later = bench.history.observe(
            bench.order.map { InstrumentReading(owner: nil, snapshot: bench.channels[$0]!.channel.resourceSnapshot()) },
            at: .seconds(11))
        // peer[300] stays on top (its rank is sticky); peer[305] rose above the empty ones.
        #expect(later?.rows.prefix(4).map(\.name) == ["peer[300].in", "peer[7].in", "peer[305].in", "peer[280].in"])
    }

    /// The `/` filter: only channels whose name contains the text, ignoring case, in the rows
    /// and in the summary line; no match is an empty panel that says so, not no panel.
    @Test func theFilterNarrowsTheRowsAndTheSummaryToMatchingNames() {
        var bench = Bench()
        for peer in 0..<(ChannelHistory.rowsListed + 50) { bench.add("peer[\(peer)].in", capacity: 8) }
        bench.add("listener.nat", capacity: 8)
        bench.fill("listener.nat", to: 8)
        bench.fill("peer[19].in", to: 2)
        let resources = bench.order.map {
            InstrumentReading(owner: nil, snapshot: bench.channels[$0]!.channel.resourceSnapshot())
        }
        let matching = bench.history.observe(resources, at: .seconds(1), filter: "PEER[1")
        // peer[1], peer[10...19], peer[100...199]: 111 channels, all listed.
        #expect(matching?.rows.count == 111 && matching?.remainder == nil)
        #expect(matching?.rows.first?.name == "peer[19].in")
        #expect(matching?.rows.allSatisfy { $0.name.contains("peer[1") } == true)
        #expect(matching?.filter == "PEER[1" && matching?.fullCount == 0)
        // Every peer: more than listed, so a summary of the matching rest (the full NAT queue is
        // not counted in it).
        let peers = bench.history.observe(resources, at: .seconds(2), filter: "peer")
        #expect(peers?.channelCount == ChannelHistory.rowsListed + 50)
        #expect(peers?.remainder?.count == 50 && peers?.remainder?.full == 0)
        #expect(peers?.rows.contains { $0.name == "listener.nat" } == false)
        let none = bench.history.observe(resources, at: .seconds(3), filter: "nothing")
        #expect(none?.rows.isEmpty == true && none?.channelCount == 0 && none?.filter == "nothing")
        #expect(bench.history.observe(resources, at: .seconds(4))?.rows.first?.name == "listener.nat")
    }

    /// A channel the group readings count reads, as the dashboard does with a listener's peers.
    final class CountedChannel: Instrumented {
        let name: String
        private let state = LockedState((occupied: 0, reads: 0))

        init(_ name: String) { self.name = name }

        func fill(to occupied: Int) { state.withLock { $0.occupied = occupied } }
        var reads: Int { state.withLock { $0.reads } }

        func resourceSnapshot() -> ResourceSnapshot {
            let occupied = state.withLock { state -> Int in
                state.reads += 1
                return state.occupied
            }
            return .channel(
                ChannelSnapshot(
                    name: name, capacity: 2048, length: occupied, reserved: 0, highWater: occupied, sends: 0,
                    receives: 0,
                    fullRejections: 0, waitingSenders: 0, receiverWaiting: false, isClosed: false, sendersGone: false))
        }
    }

    /// A group's members (20,000 listener peers) are read by the history: the listed and the
    /// filling ones every frame, the quiet rest once every `quietReadFrames` frames, in turns; a
    /// quiet one that fills is listed within its turn, and then read every frame.
    @Test func aGroupsQuietMembersAreReadInTurns() {
        let turns = ChannelHistory.quietReadFrames
        let members = (0..<(ChannelHistory.rowsListed + 10 * turns)).map { CountedChannel("peer[\($0)].in") }
        let group = InstrumentGroup(members.map { ($0, InstrumentOwner(component: "listener")) })
        var history = ChannelHistory()
        var second = 0
        func observe() -> ChannelsViewModel? {
            second += 1
            return history.observe([], groups: [group], at: .seconds(second))
        }
        let first = observe()
        #expect(members.allSatisfy { $0.reads == 1 }, "a group's first frame reads every member")
        #expect(first?.rows.count == ChannelHistory.rowsListed && first?.remainder?.count == 10 * turns)
        for _ in 0..<turns { _ = observe() }
        let listed = members.prefix(ChannelHistory.rowsListed)
        let quiet = members.dropFirst(ChannelHistory.rowsListed)
        #expect(listed.allSatisfy { $0.reads == 1 + turns }, "listed members: every frame")
        #expect(quiet.allSatisfy { $0.reads == 2 }, "quiet members: once in \(turns) frames")
        // A quiet member fills: on top within its turn, read every frame from then on.
        let filling = members[ChannelHistory.rowsListed + 3]
        filling.fill(to: 1500)
        var framesToShow = 0
        while observe()?.rows.first?.name != filling.name {
            framesToShow += 1
            #expect(framesToShow < turns)
            if framesToShow >= turns { break }
        }
        let reads = filling.reads
        _ = observe()
        #expect(filling.reads == reads + 1)
        // The fullest of the rest is found the same way, within a turn (3 of 2048 ranks with the
        // empty ones, so it is not listed).
        let other = members.last!
        other.fill(to: 3)
        var model = observe()
        for _ in 0..<turns where model?.remainder?.fullest.name != other.name { model = observe() }
        #expect(model?.remainder?.fullest.name == other.name && model?.remainder?.fullest.length == 3)
        #expect(model?.channelCount == members.count)
    }
}
