import Engine
import Scenarios
import Testing

@Suite struct ParsingTests {
    @Test(arguments: [
        ("120s", Duration.seconds(120)), ("2m", .seconds(120)), ("1m30s", .seconds(90)),
        ("500ms", .milliseconds(500)), ("1.5s", .milliseconds(1_500)), ("1h", .seconds(3_600)),
    ])
    func parsesDurations(text: String, expected: Duration) throws {
        #expect(try DurationParser.parse(text) == expected)
    }

    @Test(arguments: ["", "12", "s", "10x", "1.2.3s", "-5s", "5 s s"])
    func rejectsMalformedDurations(text: String) {
        #expect(throws: UsageError.self) { try DurationParser.parse(text) }
    }

    @Test func formatsDurationsExactly() {
        #expect(DurationParser.format(.seconds(120)) == "2m")
        #expect(DurationParser.format(.seconds(90)) == "1m30s")
        #expect(DurationParser.format(.milliseconds(500)) == "500ms")
        #expect(DurationParser.format(.seconds(7)) == "7s")
    }

    @Test func parsesPolicies() throws {
        #expect(try PolicySelection.parse("fixed") == .fixed)
        #expect(try PolicySelection.parse("legacy").step(.cold) == "tasktracker")
        let mixed = try PolicySelection.parse("cold=semaphore,trust=under-lock")
        #expect(mixed.step(.cold) == "semaphore" && mixed.step(.trust) == "under-lock" && mixed.step(.relay) == "fixed")
        #expect(mixed.description == "cold=semaphore,trust=under-lock")
        #expect(PolicySelection.fixed.cycled(.relay).step(.relay) == "shared-cancel")
    }

    @Test func policyErrorsListTheValidChoices() {
        #expect(
            throws: UsageError(
                "unknown step 'nope' for cold: valid steps are tasktracker, semaphore, permit-attached, fixed")
        ) {
            try PolicySelection.parse("cold=nope")
        }
        #expect(
            throws: UsageError("unknown subsystem 'disk': valid subsystems are cold, relay, listener, accept, trust")
        ) {
            try PolicySelection.parse("disk=fixed")
        }
        #expect(throws: UsageError.self) { try PolicySelection.parse("cold") }
    }

    @Test func parsesParameterOverrides() throws {
        #expect(
            try ParameterOverride.parse("cold.readDeadline=200ms")
                == ParameterOverride(key: "cold.readDeadline", value: "200ms"))
        #expect(throws: UsageError.self) { try ParameterOverride.parse("novalue") }
        #expect(throws: UsageError.self) { try ParameterOverride.parse("=3") }
    }
}
