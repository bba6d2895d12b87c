/// The writes the cold storage task applies, one at a time, each after draining every reader.
public enum ColdWrite: Sendable, Equatable {
    case appendBlocks([ColdBlock])
    case truncateAbove(UInt64)
    /// Removes the blocks above a number and returns them.
    case drainAbove(UInt64)

    public var name: String {
        switch self {
        case .appendBlocks: "appendBlocks"
        case .truncateAbove: "truncateAbove"
        case .drainAbove: "drainAbove"
        }
    }
}
