import Logging

/// A swift-log handler that turns a service's log records into the agent's events, so attached
/// dashboards show them in their events panel.
///
/// Put it beside the service's own handler; records at ``logLevel`` or above reach the sink:
///
/// ```swift
/// let events = AgentEventSink()
/// LoggingSystem.bootstrap { label in
///     MultiplexLogHandler([StreamLogHandler.standardOutput(label: label),
///                          AgentLogHandler(label: label, sink: events)])
/// }
/// let agent = try BackpressureAgent.start(service: "checkout", registry: registry, events: events)
/// ```
///
/// Each record becomes one event: its level's name, and as its text the logger's label, the
/// message and the metadata flattened (`label: message key=value ...`, keys sorted). Logging
/// never waits for the agent or for any client: the record goes to the sink's bounded buffer
/// (``AgentEventSink/pendingLinesBound`` lines, the oldest dropped and counted beyond it), and its
/// text is cut at ``textCharactersBound``.
public struct AgentLogHandler: LogHandler {
    /// The longest event text a record makes, in characters; longer ones are cut and end in "…".
    public static let textCharactersBound = 1_024

    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let sink: AgentEventSink

    /// A handler for the logger labelled `label` that forwards records at `logLevel` or above to
    /// `sink`.
    public init(
        label: String, sink: AgentEventSink, logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The record's own metadata wins over the provider's, which wins over the handler's.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        sink.emit(
            level: event.level.rawValue, message: Self.text(label: label, message: event.message, metadata: merged))
    }

    /// `label: message key=value ...`, keys sorted so the same record always reads the same.
    static func text(label: String, message: Logger.Message, metadata: Logger.Metadata) -> String {
        var text = "\(label): \(message)"
        for key in metadata.keys.sorted() {
            text += " \(key)=\(metadata[key]!)"
        }
        guard text.count > textCharactersBound else { return text }
        return String(text.prefix(textCharactersBound - 1)) + "…"
    }
}
