/// Where cold storage keeps blocks. Every call may suspend (latency, a hung connection) and must
/// honour cancellation: the read deadline works by cancelling the handler's backend call.
public protocol ColdBackend: Sendable {
    func header(_ number: UInt64) async throws -> ColdHeader?
    func block(_ number: UInt64) async throws -> ColdBlock?
    func latestBlock() async throws -> UInt64?
    /// Throws `ColdError.tooManyLogs(limit:)` when more than `limit` logs match.
    func logs(in range: ClosedRange<UInt64>, limit: Int) async throws -> [ColdLog]
    /// The logs of one block for a stream producer, nil if the block does not exist yet.
    func streamLogs(block: UInt64) async throws -> [ColdLog]?
    /// Throws `ColdError.reorgDetected` unless the blocks extend the stored chain.
    func append(_ blocks: [ColdBlock]) async throws
    func truncate(above number: UInt64) async throws
    func drain(above number: UInt64) async throws -> [ColdBlock]
}

extension ColdBackend {
    func apply(_ write: ColdWrite) async throws -> [ColdBlock] {
        switch write {
        case .appendBlocks(let blocks):
            try await append(blocks)
            return []
        case .truncateAbove(let number):
            try await truncate(above: number)
            return []
        case .drainAbove(let number):
            return try await drain(above: number)
        }
    }
}
