/// One log entry of a block.
public struct ColdLog: Sendable, Equatable, Codable {
    public let blockNumber: UInt64
    public let index: Int
    public let topic: UInt64

    public init(blockNumber: UInt64, index: Int, topic: UInt64) {
        self.blockNumber = blockNumber
        self.index = index
        self.topic = topic
    }
}
