import Logging
import Testing

@testable import BackpressureAgent

/// What the agent's log handler puts in the sink, read back without a socket.
@Suite struct AgentLogHandlerTests {
    @Test func theRecordsOwnMetadataWinsOverTheProvidersAndTheHandlers() {
        let sink = AgentEventSink()
        var handler = AgentLogHandler(
            label: "api", sink: sink, metadataProvider: .init { ["trace": "provided", "user": "provided"] })
        handler[metadataKey: "user"] = "handler"
        handler[metadataKey: "zone"] = "handler"
        var logger = Logger(label: "api") { _ in handler }
        logger[metadataKey: "zone"] = "logger"
        logger.error("failed", metadata: ["trace": "record"])

        let lines = sink.drain().lines
        #expect(lines.map(\.level) == ["error"])
        #expect(lines.map(\.message) == ["api: failed trace=record user=provided zone=logger"])
    }

    @Test func aLongRecordIsCutAtTheBound() {
        let sink = AgentEventSink()
        let logger = Logger(label: "bulk") { AgentLogHandler(label: $0, sink: sink) }
        logger.info("\(String(repeating: "x", count: 5_000))")

        let message = sink.drain().lines.first?.message ?? ""
        #expect(message.count == AgentLogHandler.textCharactersBound)
        #expect(message.hasPrefix("bulk: xxx"))
        #expect(message.hasSuffix("x…"))
    }
}
