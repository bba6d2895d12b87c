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
}
