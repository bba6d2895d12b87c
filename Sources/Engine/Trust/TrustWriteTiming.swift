/// How long one atomic write took, on the runtime's clock.
public struct TrustWriteTiming: Sendable, Equatable {
    /// The whole write, temporary file to directory fsync.
    public let total: Duration
    /// The file fsync plus the directory fsync.
    public let fsync: Duration

    public init(total: Duration, fsync: Duration) {
        self.total = total
        self.fsync = fsync
    }
}
