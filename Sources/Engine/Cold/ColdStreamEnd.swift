import Backpressure

/// How a log stream ended, written by its producer before it drops the stream's channel, so the
/// subscriber sees `streamDeadlineExceeded` even when the channel buffer was full at the time.
final class ColdStreamEnd: Sendable {
    private let error = LockedState<ColdError?>(nil)

    func finish(with error: ColdError?) {
        self.error.withLock { $0 = error }
    }

    var failure: ColdError? { error.withLock { $0 } }
}
