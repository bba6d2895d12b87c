/// A block header as cold storage keeps it.
public struct ColdHeader: Sendable, Equatable, Codable {
    public let number: UInt64
    public let hash: UInt64
    public let parentHash: UInt64

    public init(number: UInt64, hash: UInt64, parentHash: UInt64) {
        self.number = number
        self.hash = hash
        self.parentHash = parentHash
    }
}
