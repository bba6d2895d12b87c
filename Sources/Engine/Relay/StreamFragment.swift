/// One piece of a streamed payload, numbered from 0 in payload order.
public struct StreamFragment: Sendable, Equatable {
    public let index: Int
    public let bytes: [UInt8]

    public init(index: Int, bytes: [UInt8]) {
        precondition(index >= 0, "fragment indexes start at 0")
        self.index = index
        self.bytes = bytes
    }
}
