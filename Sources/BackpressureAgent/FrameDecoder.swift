/// Splits a byte stream into frame payloads, refusing a length above `maxFrameBytes` before
/// reading its body, so what a peer sends never makes the reader allocate more than that bound.
public struct FrameDecoder: Sendable {
    public let maxFrameBytes: Int
    private var buffer: [UInt8] = []
    /// Where the unread bytes start in `buffer`; compacted once a frame is taken.
    private var start = 0

    public init(maxFrameBytes: Int) {
        precondition(maxFrameBytes > 0)
        self.maxFrameBytes = maxFrameBytes
    }

    /// Bytes held that are not yet a whole frame.
    public var bufferedBytes: Int { buffer.count - start }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame's payload, nil until one has arrived.
    public mutating func nextFrame() throws(FrameError) -> [UInt8]? {
        let prefix = AgentWireFormat.lengthPrefixBytes
        guard bufferedBytes >= prefix else { return nil }
        let length =
            UInt32(buffer[start]) << 24 | UInt32(buffer[start + 1]) << 16 | UInt32(buffer[start + 2]) << 8
            | UInt32(buffer[start + 3])
        guard length > 0 else { throw .empty }
        guard UInt64(length) <= UInt64(maxFrameBytes) else { throw .oversize(length: length, limit: maxFrameBytes) }
        guard bufferedBytes >= prefix + Int(length) else { return nil }
        let body = Array(buffer[(start + prefix)..<(start + prefix + Int(length))])
        start += prefix + Int(length)
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 64 * 1024 {
            buffer.removeFirst(start)
            start = 0
        }
        return body
    }
}
