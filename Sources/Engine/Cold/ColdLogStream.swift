import Backpressure

/// A subscriber's end of a log stream: logs in block order, then the end of the stream (nil) or
/// the error that ended it (`streamDeadlineExceeded`). Dropping it stops the producer, whose next
/// send finds the channel closed, and returns the stream slot.
public struct ColdLogStream: Sendable {
    private let logs: ChannelReceiver<ColdLog>
    private let end: ColdStreamEnd
    public let id: UInt64

    init(id: UInt64, logs: ChannelReceiver<ColdLog>, end: ColdStreamEnd) {
        self.id = id
        self.logs = logs
        self.end = end
    }

    public func next() async throws(ColdError) -> ColdLog? {
        let log: ColdLog?
        do {
            log = try await logs.receive()
        } catch {
            throw .cancelled
        }
        if let log { return log }
        if let failure = end.failure { throw failure }
        return nil
    }

    /// Stops the subscription now.
    public func close() { logs.close() }
}
