import Foundation

/// One frame of the wire format: a JSON object whose `type` names the case and whose other keys
/// are the case's fields.
public enum AgentFrame: Codable, Sendable, Equatable {
    case hello(AgentHello)
    case snapshot(AgentSnapshot)
    case event(AgentEvent)
    case subscribe(AgentSubscribe)

    private enum TypeKey: String, CodingKey { case type }

    public var typeName: String {
        switch self {
        case .hello: "hello"
        case .snapshot: "snapshot"
        case .event: "event"
        case .subscribe: "subscribe"
        }
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "hello": self = .hello(try AgentHello(from: decoder))
        case "snapshot": self = .snapshot(try AgentSnapshot(from: decoder))
        case "event": self = .event(try AgentEvent(from: decoder))
        case "subscribe": self = .subscribe(try AgentSubscribe(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: try decoder.container(keyedBy: TypeKey.self), debugDescription: "unknown type")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .hello(let hello): try hello.encode(to: encoder)
        case .snapshot(let snapshot): try snapshot.encode(to: encoder)
        case .event(let event): try event.encode(to: encoder)
        case .subscribe(let subscribe): try subscribe.encode(to: encoder)
        }
    }

    /// The frame's JSON, keys sorted (the same frame always gives the same bytes).
    public func payload() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// The frame in `payload`, or `.malformed` saying why not.
    public static func decode(_ payload: some Collection<UInt8>) throws(FrameError) -> AgentFrame {
        do {
            return try JSONDecoder().decode(AgentFrame.self, from: Data(payload))
        } catch {
            throw .malformed(String(describing: error).prefix(200).description)
        }
    }
}
