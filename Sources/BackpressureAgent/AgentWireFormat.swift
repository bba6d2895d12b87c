/// The agent's wire format, version 1: what a dashboard and a service agree on.
///
/// Every frame is a 4-byte big-endian length, then that many bytes of one UTF-8 JSON object whose
/// `type` says what it is (`hello`, `snapshot`, `event` from the agent; `subscribe` from a
/// client). The Backpressure catalog's "Attaching" article documents every field.
public enum AgentWireFormat {
    /// Bumped on any change a reader of the previous version would misread.
    public static let version = 1

    /// Bytes of the big-endian length before each frame's JSON.
    public static let lengthPrefixBytes = 4

    /// The largest frame the agent sends, in bytes (a snapshot of every registered primitive):
    /// a reader refuses a longer length instead of allocating it.
    public static let maxAgentFrameBytes = 16 * 1024 * 1024

    /// The largest frame a client may send, in bytes: a client sends at most one short
    /// `subscribe`, so anything longer is hostile and closes that client.
    public static let maxClientFrameBytes = 4 * 1024

    /// `payload` with its length prefix.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        precondition(payload.count <= maxAgentFrameBytes, "a frame of \(payload.count) bytes exceeds the bound")
        let length = UInt32(payload.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lengthPrefixBytes + payload.count)
        bytes.append(UInt8(truncatingIfNeeded: length >> 24))
        bytes.append(UInt8(truncatingIfNeeded: length >> 16))
        bytes.append(UInt8(truncatingIfNeeded: length >> 8))
        bytes.append(UInt8(truncatingIfNeeded: length))
        bytes.append(contentsOf: payload)
        return bytes
    }
}
