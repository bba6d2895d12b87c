/// The answer to a `ColdReadOperation`.
public enum ColdReadResult: Sendable, Equatable {
    case header(ColdHeader)
    case block(ColdBlock)
    case latestBlock(UInt64?)
    case logs([ColdLog])
}
