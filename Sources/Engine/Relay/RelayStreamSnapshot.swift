/// One stream in a `RelaySnapshot`.
public struct RelayStreamSnapshot: Sendable, Equatable, Codable {
    public let id: Int
    public let payloadBytes: Int
    public let fragmentCount: Int
    /// Hops whose node holds the whole payload.
    public let hopsDone: Int
    public let hopsTotal: Int
    /// Contiguous bytes that reached each hop's node: element 0 is hop 1, the last the receiver.
    public let bytesDeliveredPerHop: [Int]
    /// Fragments each hop's relay sent onward (element 0 is hop 1; the receiver's is 0).
    public let fragmentsForwardedPerHop: [Int]
    /// Time since a fragment last arrived anywhere in the chain.
    public let sinceLastFragment: Duration
    public let state: RelayStreamState
}
