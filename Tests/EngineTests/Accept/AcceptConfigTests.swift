import Engine
import Testing

@Suite struct AcceptConfigTests {
    @Test func incidentConstants() {
        let config = AcceptConfig.incident
        #expect(config.handshakeChannelCapacity == 32)
        #expect(config.registrationQueueCapacity == 1_024)
        #expect(config.connectTimeout == .seconds(5))
        #expect(config.identityExchangeTimeout == .seconds(10))
        #expect(AcceptPolicy.allCases.map(\.rawValue) == ["inline", "spawn-per-connection", "fixed"])
    }

    @Test func setsEveryKey() throws {
        for key in AcceptConfig.settableKeys {
            var config = AcceptConfig.incident
            let isCount = ["Capacity", "Workers", "Clients", "PerSource"].contains { key.hasSuffix($0) }
            try config.set(key, isCount ? "7" : "1.5s")
            #expect(config != .incident, "\(key) changed nothing")
        }
        var config = AcceptConfig.incident
        try config.set("routingLockHold", "40ms")
        #expect(config.routingLockHold == .milliseconds(40))
        try config.set("maintenanceLockHold", "250us")
        #expect(config.maintenanceLockHold == .microseconds(250))
    }

    @Test func rejectsUnknownKeysAndBadValues() {
        var config = AcceptConfig.incident
        #expect(throws: ParameterError.self) { try config.set("nope", "1") }
        #expect(throws: ParameterError.self) { try config.set("handshakeChannelCapacity", "0") }
        #expect(throws: ParameterError.self) { try config.set("connectTimeout", "5 parsecs") }
        #expect(throws: ParameterError.self) { try config.set("connectTimeout", "0s") }
        do {
            try config.set("nope", "1")
        } catch {
            #expect(
                error.description
                    == "'1' for accept.nope: expected a key of accept; valid keys: \(AcceptConfig.settableKeys.joined(separator: ", "))"
            )
        }
    }
}
