import Engine
import Scenarios
import Testing

/// `--scale N`: the load parameters each subsystem declares, multiplied, as overrides.
@Suite struct LoadScaleTests {
    @Test func scalesEveryLoadParameterOfTheScenariosSubsystems() throws {
        let steady = try ScenarioCatalog.named("steady")
        let overrides = try LoadScale.overrides(10, for: steady)
        let values = Dictionary(uniqueKeysWithValues: overrides.map { ($0.key, $0.value) })
        #expect(
            values == [
                "cold.readRatePerSecond": "200", "cold.logSubscribers": "20", "relay.streamCount": "10",
                "listener.peerCount": "2000", "accept.floodClients": "400", "trust.joinRatePerSecond": "200",
                "trust.peerPoolSize": "4000",
            ])
        #expect(try LoadScale.overrides(1, for: steady).isEmpty)
        // Every load parameter reaches 100x its default inside its range.
        for override in try LoadScale.overrides(100, for: steady) {
            let info = try #require(
                SubsystemRegistry.all.flatMap { d in d.parameters.map { ("\(d.id.rawValue).\($0.key)", $0) } }
                    .first { $0.0 == override.key }?.1)
            #expect(override.value == info.scaled(info.defaultValue, by: 100))
            #expect(Double(override.value) == Double(info.defaultValue)! * 100, "\(override.key)")
        }
    }

    @Test func scalesTheScenariosOwnValueAndStaysInRange() throws {
        let scenario = try #require(
            ScenarioCatalog.all.first { $0.parameters.contains { $0.key == "cold.logSubscribers" && $0.value == "12" } }
        )
        let overrides = try LoadScale.overrides(100, for: scenario)
        // 12 x 100 is past the key's range (0...1000): the top of the range.
        #expect(overrides.first { $0.key == "cold.logSubscribers" }?.value == "1000")
        #expect(try LoadScale.overrides(2, for: scenario).first { $0.key == "cold.logSubscribers" }?.value == "24")
        #expect(!overrides.contains { $0.key.hasPrefix("listener.") }, "only the scenario's subsystems")
    }

    @Test func refusesFactorsOutsideOneToAHundred() {
        #expect(throws: UsageError.self) { try LoadScale.overrides(0, for: ScenarioCatalog.named("steady")) }
        #expect(throws: UsageError.self) { try LoadScale.overrides(101, for: ScenarioCatalog.named("steady")) }
    }
}
