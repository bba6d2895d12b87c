import Runtime

/// A block with its logs: the unit the writer appends every 12 s.
public struct ColdBlock: Sendable, Equatable, Codable {
    public let header: ColdHeader
    public let logs: [ColdLog]

    public init(header: ColdHeader, logs: [ColdLog]) {
        self.header = header
        self.logs = logs
    }

    public var number: UInt64 { header.number }

    /// A deterministic block that extends `parent` (or starts a chain at `number` 1).
    public static func synthetic(number: UInt64, parentHash: UInt64, logCount: Int) -> ColdBlock {
        // FNV-1a over the number and parent: stable, so a seed replays the same chain.
        var hasher = FNV1a()
        hasher.add(littleEndian: number)
        hasher.add(littleEndian: parentHash)
        let hash = hasher.value
        let logs = (0..<logCount).map { ColdLog(blockNumber: number, index: $0, topic: hash &+ UInt64($0)) }
        return ColdBlock(header: ColdHeader(number: number, hash: hash, parentHash: parentHash), logs: logs)
    }

    /// Blocks `1...count`, each extending the previous one.
    public static func chain(count: Int, logsPerBlock: Int) -> [ColdBlock] {
        var blocks: [ColdBlock] = []
        var parent: UInt64 = 0
        for number in 0..<UInt64(max(0, count)) {
            let block = synthetic(number: number + 1, parentHash: parent, logCount: logsPerBlock)
            blocks.append(block)
            parent = block.header.hash
        }
        return blocks
    }
}
