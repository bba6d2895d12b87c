import Backpressure
import Foundation
import Logging
import Testing

@testable import BackpressureAgent

/// A swift-log `Logger` whose handler is the agent's, over a real agent and socket: what a client
/// reads is the record, as an event frame.
extension AgentLiveTests {
    /// An agent serving `events` with a client connected (its hello read, so it gets every event
    /// emitted from now on).
    func withLoggingAgent(_ body: (AgentEventSink, AgentConnection) throws -> Void) throws {
        try withRuntimeDirectory { runtime in
            let events = AgentEventSink()
            let agent = try BackpressureAgent.start(
                service: "logs", registry: InstrumentRegistry(), events: events,
                configuration: AgentConfiguration(
                    snapshotInterval: .milliseconds(10), environment: ["XDG_RUNTIME_DIR": runtime]))
            defer { agent.stop() }
            let connection = try AgentConnection(path: agent.socketPath)
            guard case .hello = try connection.readFrame(timeout: Self.conditionDeadline).frame else {
                Issue.record("the first frame is not a hello")
                return
            }
            try body(events, connection)
        }
    }

    /// The next event frame, skipping snapshots.
    func nextEvent(_ connection: AgentConnection) throws -> AgentEvent {
        let end = ContinuousClock.now + Self.conditionDeadline
        while true {
            if case .event(let event) = try connection.readFrame(timeout: end - .now).frame { return event }
        }
    }

    @Test func aLoggedRecordReachesAClientAsAnEventWithItsLevelMessageAndMetadata() throws {
        try withLoggingAgent { events, connection in
            var logger = Logger(label: "checkout.http") { AgentLogHandler(label: $0, sink: events) }
            logger[metadataKey: "service"] = "checkout"
            logger.warning("pool exhausted", metadata: ["request": "17", "queue": ["length": "16"]])

            let event = try nextEvent(connection)
            #expect(event.level == "warning")
            // Keys sorted; a nested value as swift-log describes it.
            let expected = #"checkout.http: pool exhausted queue=["length": "16"] request=17 service=checkout"#
            #expect(event.message == expected)
            #expect(event.dropped == 0)
        }
    }

    @Test func aRecordBelowTheHandlersLevelIsNotForwarded() throws {
        try withLoggingAgent { events, connection in
            // Beside a handler that takes everything, as a service's own would: the multiplexer
            // offers each record to each handler at or below its level.
            var everything = StreamLogHandler.standardError(label: "worker")
            everything.logLevel = .trace
            let logger = Logger(label: "worker") {
                MultiplexLogHandler([everything, AgentLogHandler(label: $0, sink: events, logLevel: .notice)])
            }
            logger.info("below the agent's level")
            logger.notice("at the agent's level")

            // Events arrive in the order they were logged: a forwarded info would come first.
            let event = try nextEvent(connection)
            #expect(event.level == "notice")
            #expect(event.message == "worker: at the agent's level")
        }
    }
}
