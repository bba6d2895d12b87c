import Backpressure
import Testing

@Suite struct InstrumentRegistryTests {
    @Test func readingsCarryTheOwnerGivenAtRegistration() {
        let registry = InstrumentRegistry()
        let gate = Gate(name: "a.gate")
        let (sender, _) = BoundedChannel<Int>.make(name: "renamed at will", capacity: 4)
        registry.register(gate)
        registry.register(sender.channel, owner: InstrumentOwner(component: "relay", item: "7"))

        let readings = registry.readings()
        #expect(readings.map(\.snapshot.name) == ["a.gate", "renamed at will"])
        #expect(readings.map(\.owner) == [nil, InstrumentOwner(component: "relay", item: "7")])
        #expect(registry.snapshots() == readings.map(\.snapshot))
    }

    @Test func aReleasedPrimitiveStopsBeingReported() {
        let registry = InstrumentRegistry()
        do {
            let gate = Gate(name: "short-lived")
            registry.register(gate, owner: InstrumentOwner(component: "cold"))
            #expect(registry.readings().count == 1)
        }
        #expect(registry.readings().isEmpty)
    }

    @Test func aGroupIsReadWhereItWasRegisteredMemberByMember() {
        let registry = InstrumentRegistry()
        let first = Gate(name: "first")
        let last = Gate(name: "last")
        let (a, _) = BoundedChannel<Int>.make(name: "peer[0].in", capacity: 4)
        let (b, _) = BoundedChannel<Int>.make(name: "peer[1].in", capacity: 4)
        registry.register(first)
        var group: InstrumentGroup? = InstrumentGroup([
            (a.channel, InstrumentOwner(component: "listener", item: "0")),
            (b.channel, InstrumentOwner(component: "listener", item: "1")),
        ])
        registry.register(group!)
        registry.register(last)
        #expect(registry.readings().map(\.snapshot.name) == ["first", "peer[0].in", "peer[1].in", "last"])
        #expect(registry.readings().map(\.owner?.item) == [nil, "0", "1", nil])
        #expect(registry.snapshots() == registry.readings().map(\.snapshot))
        group = nil
        #expect(registry.readings().map(\.snapshot.name) == ["first", "last"])
    }

    /// What the dashboard reads: the primitives registered on their own, and the groups unread
    /// (their members are read by the channels panel, the quiet ones in turns).
    @Test func readingsAndGroupsLeaveTheGroupsMembersUnread() {
        let registry = InstrumentRegistry()
        let first = Gate(name: "first")
        let (a, _) = BoundedChannel<Int>.make(name: "peer[0].in", capacity: 4)
        registry.register(first)
        var group: InstrumentGroup? = InstrumentGroup([(a.channel, InstrumentOwner(component: "listener"))])
        registry.register(group!)
        do {
            let (readings, groups) = registry.readingsAndGroups()
            #expect(readings.map(\.snapshot.name) == ["first"])
            #expect(groups.count == 1 && groups.first === group)
        }
        group = nil
        #expect(registry.readingsAndGroups().groups.isEmpty)
    }

    /// What the stall detectors read: everything that may show a stall, in registration order,
    /// and no channel with a free slot or closed (20,000 idle peer channels are a load each).
    @Test func stallCandidateReadingsLeaveOutChannelsThatCannotBeFull() throws {
        let registry = InstrumentRegistry()
        let gate = Gate(name: "gate")
        let semaphore = AsyncSemaphore(name: "permits", permits: 1)
        // The receivers stay alive to the end: dropping one closes its channel.
        let (free, freeReceiver) = BoundedChannel<Int>.make(name: "free", capacity: 2)
        let (full, fullReceiver) = BoundedChannel<Int>.make(name: "full", capacity: 1)
        let (closed, closedReceiver) = BoundedChannel<Int>.make(name: "closed", capacity: 1)
        for sender in [free, full, closed] {
            guard case .sent = sender.trySend(1) else { throw ChannelTestError.notSent }
        }
        closedReceiver.close()
        registry.register(gate)
        registry.register(semaphore)
        // The registry holds a group weakly: its owner keeps it, here to the end.
        let group = InstrumentGroup([(free.channel, nil), (full.channel, nil), (closed.channel, nil)])
        registry.register(group)

        #expect(registry.stallCandidateReadings().map(\.snapshot.name) == ["gate", "permits", "full"])
        // Leaving them out changes no finding: the detectors pass over a channel that is not
        // full or is closed.
        let fullForLong = StallThresholds.standard.channelFull
        var everything = StallDetection()
        var candidates = StallDetection()
        for at in [Duration.zero, fullForLong] {
            let fromAll = everything.observe(registry.readings(), at: at)
            #expect(fromAll == candidates.observe(registry.stallCandidateReadings(), at: at))
        }
        #expect(!candidates.observe(registry.stallCandidateReadings(), at: fullForLong).isEmpty)
        withExtendedLifetime((group, freeReceiver, fullReceiver)) {}
    }

    private enum ChannelTestError: Error { case notSent }
}
