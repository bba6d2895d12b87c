import Engine
import Testing

@Suite struct ListenerConfigTests {
    @Test func defaultsAreTheIncidentsConstants() {
        let config = ListenerConfig.incident
        #expect(config.peerCount == 200)
        #expect(config.peerInboundChannelCapacity == 2_048)
        #expect(config.gatewayHandshakeChannelCapacity == 100)
        #expect(config.natTraversalChannelCapacity == 100)
        #expect(config.natRetryInterval == .milliseconds(200))
        #expect(config.natMaxAttempts == 40)
        #expect(config.natOverallDeadline == .seconds(3))
        #expect(config.dropLogInterval == .seconds(10))
        #expect(config.runtimeWorkerThreads == 2)
    }

    @Test func policiesAreTheLadderStepsOldestFirst() {
        #expect(ListenerPolicy.allCases.map(\.rawValue) == ["spin-channel", "await-nat", "fixed"])
    }

    @Test func setsFieldsByKey() throws {
        var config = ListenerConfig.incident
        try config.set("peerCount", "12")
        try config.set("natRetryInterval", "150ms")
        try config.set("natOverallDeadline", "1.5s")
        try config.set("spinQuantum", "250us")
        try config.set("peerPacketRatePerSecond", "2.5")
        #expect(config.peerCount == 12)
        #expect(config.natRetryInterval == .milliseconds(150))
        #expect(config.natOverallDeadline == .milliseconds(1_500))
        #expect(config.spinQuantum == .microseconds(250))
        #expect(config.peerPacketRatePerSecond == 2.5)
    }

    @Test func everySettableKeyIsAccepted() throws {
        var config = ListenerConfig.incident
        for key in ListenerConfig.settableKeys {
            let value =
                key.contains("Interval") || key.contains("Deadline") || key.contains("Quantum") || key.contains("After")
                ? "1s" : "3"
            try config.set(key, value)
        }
    }

    @Test func rejectsUnknownKeysAndBadValuesClearly() {
        var config = ListenerConfig.incident
        #expect(throws: ParameterError.self) { try config.set("peers", "3") }
        #expect(throws: ParameterError.self) { try config.set("peerCount", "0") }
        #expect(throws: ParameterError.self) { try config.set("natRetryInterval", "200") }
        #expect(throws: ParameterError.self) { try config.set("peerPacketRatePerSecond", "-1") }
        do {
            try config.set("peers", "3")
        } catch {
            #expect(error.description.contains("valid keys: peerCount, peerInboundChannelCapacity"))
        }
    }
}
